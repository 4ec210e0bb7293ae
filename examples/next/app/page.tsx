import { Conference } from './conference';

// Rendered on the server for every request: the room's name and server come from the address, so the HTML that
// arrives already holds the <rtc-room> with its attributes, and React hydrates it.
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const text = (key: string, fallback: string) => (typeof params[key] === 'string' ? params[key] : fallback);
  return <Conference server={text('server', 'ws://localhost:7880')} room={text('room', 'daily-standup')} name={text('name', 'Guest')} />;
}
