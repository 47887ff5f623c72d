import type { Sort, SortKey, StoredFile } from '../../../../shared/models/files';

/**
 * An inventory prepared for instant filtering and sorting: lower-cased names and one sorted
 * permutation per sortable column are computed once when the report arrives. Afterwards a sort
 * is a walk over a ready order and a filter is one pass of substring checks, so 100,000 files
 * answer a click about as fast as 1,000 do. (TanStack Table's row model would build an object
 * per row and re-sort on every change, which is what this avoids.)
 */
export interface InventoryModel {
  files: readonly StoredFile[];
  lowerNames: readonly string[];
  orders: Readonly<Record<SortKey, Int32Array>>;
}

function orderBy(n: number, compare: (a: number, b: number) => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  return order.sort(compare);
}

/** Builds the model: O(n log n) once, per report. */
export function buildInventoryModel(files: readonly StoredFile[]): InventoryModel {
  const n = files.length;
  const lowerNames = files.map((f) => f.name.toLowerCase());
  const created = new Float64Array(n);
  const bytes = new Float64Array(n);
  const purposes: string[] = new Array<string>(n);
  for (let i = 0; i < n; i += 1) {
    const f = files[i] as StoredFile;
    created[i] = Date.parse(f.createdAt);
    bytes[i] = f.bytes;
    purposes[i] = f.purpose ?? '';
  }
  const byText = (values: readonly string[]) => (a: number, b: number) => {
    const x = values[a] as string;
    const y = values[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  return {
    files,
    lowerNames,
    orders: {
      name: orderBy(n, byText(lowerNames)),
      bytes: orderBy(n, (a, b) => (bytes[a] as number) - (bytes[b] as number) || a - b),
      purpose: orderBy(n, byText(purposes)),
      createdAt: orderBy(n, (a, b) => (created[a] as number) - (created[b] as number) || a - b),
    },
  };
}

/** The rows to show, as indices into model.files, filtered by name and in the requested order. */
export function inventoryView(model: InventoryModel, filter: string, sort: Sort | null): Int32Array {
  const n = model.files.length;
  const needle = filter.trim().toLowerCase();
  const order = sort ? model.orders[sort.by] : null;
  const out = new Int32Array(n);
  let count = 0;
  for (let k = 0; k < n; k += 1) {
    const pos = sort?.dir === 'desc' ? n - 1 - k : k;
    const i = order ? (order[pos] as number) : pos;
    if (needle === '' || (model.lowerNames[i] as string).includes(needle)) {
      out[count] = i;
      count += 1;
    }
  }
  return out.subarray(0, count);
}
