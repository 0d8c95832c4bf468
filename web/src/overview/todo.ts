import { useEffect, useState } from 'react';
import type { Me } from '../../../src/platform/accounts/schema.ts';
import { hasAnyPermission } from '../auth';
import { listVisits } from '../party/party-api';
import { getInbox, listWhistles, listWorkOrders } from '../requests/requests-api';
import type { Inbox } from '../../../src/modules/requests/schema.ts';

/** What a user has waiting, from the APIs the inbox, the whistle board and stewardship already serve. */
export interface Todo {
  inbox: Inbox | null;
  /** Open whistle calls on the board (township and county). */
  whistles: number | null;
  /** Visits whose follow-up is still open. */
  visits: number | null;
  /** Open orders past their limit, and under supervision, in the user's scope. */
  overdueOrders: number | null;
  supervisedOrders: number | null;
}

const EMPTY: Todo = { inbox: null, whistles: null, visits: null, overdueOrders: null, supervisedOrders: null };
const settle = <T>(p: Promise<T> | null) => (p ?? Promise.resolve(null)).catch(() => null);

/** Loads the to-do counts the user's permissions allow (each call on its own: one refusal hides one line, not the card). */
export function useTodo(me: Me, withOrders: boolean): { todo: Todo; loaded: boolean } {
  const [todo, setTodo] = useState<Todo>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    const can = (p: Parameters<typeof hasAnyPermission>[1]) => hasAnyPermission(me, p);
    Promise.all([
      settle(can(['requests.handle']) ? getInbox() : null),
      settle(can(['requests.whistle']) ? listWhistles(true).then((b) => b.total) : null),
      settle(can(['stewardship.read']) ? listVisits({ page: 1, pageSize: 1 }, true).then((v) => v.total) : null),
      settle(withOrders && can(['requests.read']) ? listWorkOrders({ status: 'open', overdue: true, pageSize: 1 }).then((p) => p.total) : null),
      settle(withOrders && can(['requests.read']) ? listWorkOrders({ status: 'open', supervised: true, pageSize: 1 }).then((p) => p.total) : null),
    ]).then(([inbox, whistles, visits, overdueOrders, supervisedOrders]) => {
      if (!live) return;
      setTodo({ inbox, whistles, visits, overdueOrders, supervisedOrders });
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [me, withOrders]);
  return { todo, loaded };
}
