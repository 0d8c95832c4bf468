import useBreakpoint from 'antd/es/grid/hooks/useBreakpoint';

/** antd's md breakpoint, read at once so the first render already knows (no desk frame flashing on a phone). */
function mdNow(): { md?: boolean } {
  return typeof window !== 'undefined' && window.matchMedia ? { md: window.matchMedia('(min-width: 768px)').matches } : {};
}

/**
 * Whether the screen is a phone's: narrower than antd's md breakpoint (768 px). The app frame
 * then shows a bottom tab bar instead of the side menu, and lists show cards instead of tables.
 * (antd's Grid.useBreakpoint, with its starting value given.)
 */
export function usePhone(): boolean {
  return useBreakpoint(true, mdNow()).md === false;
}
