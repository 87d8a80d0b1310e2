import { Anchor, Card, Group, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';

/** One block of the overview: a region named by its heading, with an optional link to the full page. */
export function OverviewCard({
  title,
  more,
  titleId: givenId,
  children,
}: {
  title: string;
  /** For content that names itself by the heading, e.g. a table. */
  titleId?: string;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  const ownId = useId();
  const titleId = givenId ?? ownId;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={3} id={titleId}>
          {title}
        </Title>
        {more && (
          <Anchor component={Link} to={more.to} size="sm">
            {more.label}
          </Anchor>
        )}
      </Group>
      {children}
    </Card>
  );
}
