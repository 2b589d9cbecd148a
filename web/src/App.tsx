import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes } from 'react-router';
import { fetchMe, signIn, signOut } from './api/session';

function SignIn() {
  const client = useQueryClient();
  const [failed, setFailed] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await signIn(String(form.get('email')), String(form.get('password')));
    setFailed(!ok);
    if (ok) await client.invalidateQueries({ queryKey: ['me'] });
  }
  return (
    <main>
      <h1>Sign in to Rapport</h1>
      <form onSubmit={submit}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      {failed && <p role="alert">Wrong email or password.</p>}
    </main>
  );
}

function Home({ name }: { name: string }) {
  return (
    <>
      <h1>Welcome, {name}</h1>
      <p>
        <Link to="/contacts/example">A client-side route</Link>
      </p>
    </>
  );
}

export function App() {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  if (me.isPending) return <p>Loading…</p>;
  if (me.isError) return <p role="alert">Rapport is not answering.</p>;
  if (!me.data) return <SignIn />;
  const name = me.data.displayName ?? me.data.email ?? "you";
  return (
    <>
      <header>
        <nav aria-label="Main">
          <Link to="/">Home</Link>{' '}
          <button type="button" onClick={async () => { await signOut(); await client.invalidateQueries({ queryKey: ['me'] }); }}>
            Sign out
          </button>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Home name={name} />} />
          <Route path="/contacts/:id" element={<h1>Contact</h1>} />
          <Route path="*" element={<h1>Not found</h1>} />
        </Routes>
      </main>
    </>
  );
}
