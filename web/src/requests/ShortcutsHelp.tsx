import { Button, Flex, Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS = [
  { key: '/', what: 'search' },
  { key: 'j', what: 'down' },
  { key: 'k', what: 'up' },
  { key: 'Enter', what: 'open' },
  { key: '?', what: 'help' },
] as const;

interface ShortcutsHelpProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Leaves out `/` where the page has no search box. */
  withSearch?: boolean;
}

/** The "?" button beside a desk list's title and the keys it lists (useListShortcuts). */
export function ShortcutsHelp({ open, onOpenChange, withSearch = true }: ShortcutsHelpProps) {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap={6} data-testid="shortcuts-help">
      {KEYS.filter((k) => withSearch || k.key !== '/').map((k) => (
        <Flex key={k.key} gap={8} align="center">
          <Tag style={{ fontFamily: 'monospace', minWidth: 48, textAlign: 'center', marginInlineEnd: 0 }}>{k.key}</Tag>
          <Typography.Text>{t(`requests.shortcuts.${k.what}`)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
  return (
    <Popover title={t('requests.shortcuts.title')} content={content} open={open} onOpenChange={onOpenChange} trigger="click" placement="bottomRight">
      <Button aria-label={t('requests.shortcuts.title')} data-testid="shortcuts-help-open">
        ?
      </Button>
    </Popover>
  );
}
