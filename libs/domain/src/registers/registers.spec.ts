import { describe, expect, it } from 'vitest';
import { normalizeArticle } from '../articles/article';
import { CONTACT_REGISTER } from '../contacts/contact';
import { normalizeStore } from '../stores/store';
import { decideDelete, decideSave, foldRegister } from './register-stream';

const saved = (revision: number, value: unknown) => ({ type: 'ContactSaved', data: { id: 'c-1', value }, revision });
const deleted = (revision: number) => ({ type: 'ContactDeleted', data: { id: 'c-1' }, revision });

describe('register streams', () => {
  it('fold: the last saved entry, null after a delete, the revision of the last event', () => {
    expect(foldRegister(CONTACT_REGISTER, [])).toEqual({ value: null, revision: null });
    expect(foldRegister(CONTACT_REGISTER, [saved(0, { email: 'a@b.se' }), saved(1, { email: 'c@d.se' })])).toEqual({
      value: { email: 'c@d.se' },
      revision: 1,
    });
    expect(foldRegister(CONTACT_REGISTER, [saved(0, { email: 'a@b.se' }), deleted(1)])).toEqual({ value: null, revision: 1 });
  });

  it('save writes an event unless the entry is unchanged (key order does not matter)', () => {
    const state = foldRegister(CONTACT_REGISTER, [saved(0, { email: 'a@b.se', firstName: 'A' })]);
    expect(decideSave(CONTACT_REGISTER, state, 'c-1', { firstName: 'A', email: 'a@b.se' })).toEqual([]);
    expect(decideSave(CONTACT_REGISTER, state, 'c-1', { email: 'a@b.se' })).toEqual([
      { type: 'ContactSaved', data: { id: 'c-1', value: { email: 'a@b.se' } } },
    ]);
  });

  it('delete needs an entry', () => {
    expect(decideDelete(CONTACT_REGISTER, { value: null, revision: 3 }, 'c-1')).toBeNull();
    expect(decideDelete(CONTACT_REGISTER, { value: {}, revision: 3 }, 'c-1')).toEqual([{ type: 'ContactDeleted', data: { id: 'c-1' } }]);
  });
});

describe('articles and stores', () => {
  it('an article has a name and scalar attributes; attributes default to none', () => {
    expect(normalizeArticle({ name: ' Shirt ', attributes: { brand: 'Acme', size: 42, organic: true, colour: null } })).toEqual({
      ok: true,
      article: { name: 'Shirt', attributes: { brand: 'Acme', size: 42, organic: true } },
    });
    expect(normalizeArticle({})).toEqual({ ok: true, article: { attributes: {} } });
    expect(normalizeArticle({ attributes: { 'a.b': 'x', deep: { x: 1 } }, price: 3 })).toEqual({
      ok: false,
      errors: {
        price: ['is not an article field'],
        'attributes.a.b': ['attribute names are a letter then letters, digits or _ (≤ 64)'],
        'attributes.deep': ['must be text (≤ 255), a finite number or a boolean'],
      },
    });
  });

  it('a store has a name and an ISO country code', () => {
    expect(normalizeStore({ name: 'City', country: 'se' })).toEqual({ ok: true, store: { name: 'City', country: 'SE' } });
    expect(normalizeStore({ country: 'Sweden' })).toEqual({
      ok: false,
      errors: { country: ['must be an ISO 3166-1 alpha-2 country code'] },
    });
  });
});
