import { describe, expect, it } from 'vitest';
import { splitPath } from './paths';

describe('splitPath', () => {
  it.each([
    ['/home/ana/scans/empty.txt', { name: 'empty.txt', folder: '/home/ana/scans' }],
    ['/home/ana/scans/', { name: 'scans', folder: '/home/ana' }],
    ['/top.txt', { name: 'top.txt', folder: '/' }],
    ['/', { name: '/', folder: '' }],
    ['C:\\Users\\ana\\report.pdf', { name: 'report.pdf', folder: 'C:\\Users\\ana' }],
    ['snippet.txt', { name: 'snippet.txt', folder: '' }],
    ['', { name: '', folder: '' }],
  ])('%s', (path, parts) => {
    expect(splitPath(path)).toEqual(parts);
  });
});
