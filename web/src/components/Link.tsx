/** An in-app link: a real <a href> (keyboard, new tab, copy link) that navigates without reloading. */
import type { MouseEvent, ReactNode } from 'react';
import { routeHref, type Route } from '../lib/route';
import { navigate } from '../lib/useRoute';

export interface LinkProps {
  readonly to: Route;
  readonly children: ReactNode;
  readonly className?: string;
  readonly 'aria-current'?: 'page' | undefined;
}

export function Link({ to, children, className, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  };
  return (
    <a href={routeHref(to)} onClick={onClick} className={className} aria-current={rest['aria-current']}>
      {children}
    </a>
  );
}
