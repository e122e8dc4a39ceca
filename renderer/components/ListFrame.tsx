/** A register list's frame: the title (with anything beside it), the search box, the count, the filters, the rows. */
import type { ReactNode } from 'react';
import { SearchBox } from './SearchBox';

interface ListFrameProps {
  title: string;
  /** Beside the title, e.g. "Chờ tôi xử lý / Tất cả". */
  beside?: ReactNode;
  searchId: string;
  searchPlaceholder: string;
  active: boolean;
  onQuery: (query: string) => void;
  /** Where ArrowDown/Enter in the search box sends the keyboard: the rows. */
  onLeaveSearch: () => void;
  total: string;
  totalTestId: string;
  filters: ReactNode;
  error: string | null;
  children: ReactNode;
}

export function ListFrame(p: ListFrameProps) {
  return (
    <div className="list-view">
      <div className="view-header">
        <h1>{p.title}</h1>
        {p.beside}
        <SearchBox id={p.searchId} placeholder={p.searchPlaceholder} active={p.active} onQuery={p.onQuery} onLeave={p.onLeaveSearch} />
        <div className="list-total" data-testid={p.totalTestId} aria-live="polite">
          {p.total}
        </div>
      </div>
      {p.filters}
      {p.error && (
        <div className="banner banner-error" role="alert">
          {p.error}
        </div>
      )}
      {p.children}
    </div>
  );
}
