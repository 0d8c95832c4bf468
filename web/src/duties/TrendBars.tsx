/** Twelve months as small bars in plain CSS (no chart library): each bar's height is its share of the largest month. */
export function TrendBars({ months, values, testId }: { months: readonly string[]; values: readonly number[]; testId?: string }) {
  const max = Math.max(1, ...values);
  return (
    <div
      data-testid={testId}
      role="img"
      aria-label={months.map((m, i) => `${m}: ${values[i]}`).join('; ')}
      style={{ display: 'flex', alignItems: 'flex-end', gap: 3, height: 48, width: '100%', maxWidth: 360 }}
    >
      {values.map((v, i) => (
        <div
          key={months[i]}
          title={`${months[i]}: ${v}`}
          style={{ flex: 1, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', height: '100%' }}
        >
          <div
            style={{
              height: `${Math.max(v ? 4 : 1, (v / max) * 100)}%`,
              background: i === values.length - 1 ? '#91caff' : '#1677ff',
              opacity: v ? 1 : 0.25,
              borderRadius: '2px 2px 0 0',
            }}
          />
        </div>
      ))}
    </div>
  );
}
