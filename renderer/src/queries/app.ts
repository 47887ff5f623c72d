import { useQuery } from '@tanstack/react-query';
import { call } from '../api';
import { queryKeys } from './keys';

/** Name, version and OS of the running build, for the About line. */
export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => call('app:info'), staleTime: Infinity });
}
