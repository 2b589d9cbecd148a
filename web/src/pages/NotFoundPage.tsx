import { Link } from 'react-router';
import { useTitle } from '../lib/title';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <div className="page">
      <h1>There is no such page</h1>
      <p><Link to="/">Back to This week</Link></p>
    </div>
  );
}
