import { Flex, Spin } from 'antd';

/** Shown while a lazy page or the session check is loading. */
export function PageSpinner() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240, height: '100%' }}>
      <Spin size="large" />
    </Flex>
  );
}
