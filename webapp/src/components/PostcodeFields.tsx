import { useEffect, useRef, useState } from 'preact/hooks';
import { lookupPostcode } from '../api/accounts';
import { postcodeLookup, type PostcodeLookup } from '../api/postcode';
import type { AreaRef } from '../api/types';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FormErrors } from '../i18n/problems';
import type { StringKey } from '../i18n/strings';
import { TextField } from './FormField';

interface Props {
  idFor: (name: string) => string;
  postcode: string;
  houseNumber: string;
  onChange: (name: 'postcode' | 'houseNumber', value: string) => void;
  errors: FormErrors;
  /** The saved postcode and its neighbourhood, shown before anything is typed. */
  saved?: { postcode: string; neighbourhood: AreaRef };
}

function useNeighbourhood(postcode: string, saved?: Props['saved']): PostcodeLookup {
  const [result, setResult] = useState<PostcodeLookup>(
    saved ? { state: 'found', neighbourhood: saved.neighbourhood } : { state: 'idle' },
  );
  const lookup = useRef<ReturnType<typeof postcodeLookup>>(undefined);
  lookup.current ??= postcodeLookup(lookupPostcode, setResult, 400, saved?.postcode);
  useEffect(() => lookup.current!.update(postcode), [postcode]);
  useEffect(() => () => lookup.current!.cancel(), []);
  return result;
}

const messages: Record<Exclude<PostcodeLookup['state'], 'idle' | 'found'>, StringKey> = {
  looking: 'postcodeLooking',
  unknown: 'postcodeUnknown',
  failed: 'postcodeFailed',
};

/**
 * Postcode and house number, with one line saying why we ask, and a live
 * line that names the neighbourhood as soon as the postcode is complete.
 */
export function PostcodeFields({ idFor, postcode, houseNumber, onChange, errors, saved }: Props) {
  const { t } = useI18n();
  const result = useNeighbourhood(postcode, saved);
  const statusId = idFor('neighbourhood');
  const text =
    result.state === 'found' ? fill(t.postcodeFound, { name: result.neighbourhood.name })
    : result.state === 'idle' ? '' : t[messages[result.state]];
  return (
    <>
      <p class="utrecht-paragraph noaber-hint">{t.addressWhy}</p>
      <TextField
        id={idFor('postcode')} label={t.fieldPostcode} hint={t.postcodeHint} error={errors.fields.postcode}
        describedBy={statusId} value={postcode} onValue={(v) => onChange('postcode', v)}
        autocomplete="postal-code" size="postcode" maxLength={7}
      />
      <p id={statusId} role="status" class={`utrecht-paragraph noaber-neighbourhood noaber-neighbourhood--${result.state}`}>
        {text}
      </p>
      <TextField
        id={idFor('houseNumber')} label={t.fieldHouseNumber} hint={t.houseNumberHint} error={errors.fields.houseNumber}
        value={houseNumber} onValue={(v) => onChange('houseNumber', v)} size="house-number"
        maxLength={12}
      />
    </>
  );
}
