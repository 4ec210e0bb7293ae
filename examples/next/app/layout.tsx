import type { ReactNode } from 'react';
import './placeholder.css';

export const metadata = { title: 'rtc-elements in Next' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
