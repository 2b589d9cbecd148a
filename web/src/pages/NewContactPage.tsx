import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { contactsApi, unwrap } from '../api/http';
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
  const create = useMutation({
    mutationFn: (current: ContactModel) => unwrap(contactsApi.POST('/api/contacts', { body: toDraft(current) })),
    onSuccess: (contact) => {
      clear();
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
        onSubmit={() => create.mutate(model)}
        error={create.error}
        pending={create.isPending}
        submitLabel="Add contact"
        extraButtons={<button type="button" onClick={() => { clear(); navigate(-1); }}>Cancel</button>}
      />
    </div>
  );
}
