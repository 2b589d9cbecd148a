import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { contactsApi, unwrap } from '../api/http';
import { idempotencyKey, newRequestSalt, shouldRetryKeyedWrite } from '../api/idempotency';
import { keys } from '../api/rapport';
import { ContactForm } from '../components/ContactForm';
import { emptyContact, toDraft, type ContactModel } from '../lib/contactModel';
import { useDraft } from '../lib/drafts';
import { useTitle } from '../lib/title';

export function NewContactPage() {
  useTitle('New contact');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [model, setModel, clear] = useDraft<ContactModel>('new-contact', emptyContact);
  const [salt, setSalt, clearSalt] = useDraft<string>('new-contact-salt', newRequestSalt);
  const create = useMutation({
    mutationFn: (current: ContactModel) => {
      const body = toDraft(current);
      return unwrap(contactsApi.POST('/api/contacts', { body, params: { header: { 'Idempotency-Key': idempotencyKey(salt, body) } } }));
    },
    retry: shouldRetryKeyedWrite,
    onSuccess: (contact) => {
      clear();
      clearSalt();
      client.invalidateQueries({ queryKey: keys.contacts });
      navigate(`/contacts/${contact.id}`, { replace: true });
    },
  });
  return (
    <div className="page narrow">
      <h1>New contact</h1>
      <ContactForm
        value={model}
        onChange={setModel}
        onSubmit={() => { setSalt(salt); create.mutate(model); }}
        error={create.error}
        pending={create.isPending}
        submitLabel="Add contact"
        extraButtons={<button type="button" onClick={() => { clear(); navigate(-1); }}>Cancel</button>}
      />
    </div>
  );
}
