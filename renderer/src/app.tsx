import { useQuery } from '@tanstack/react-query';
import { call } from './api';

/** The app shell. Screens arrive feature by feature; this one proves the contract end to end. */
export function App() {
  const info = useQuery({ queryKey: ['app', 'info'], queryFn: () => call('app:info') });
  return (
    <div className="shell">
      <header className="topbar">
        <h1>Stowage</h1>
      </header>
      <main className="content">
        {info.isPending && <p role="status">Loading…</p>}
        {info.isError && <p role="alert">{info.error.message}</p>}
        {info.data && (
          <p data-testid="app-info">
            {info.data.name} {info.data.version} on {info.data.platform}
          </p>
        )}
      </main>
    </div>
  );
}
