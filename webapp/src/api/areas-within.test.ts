import { describe, expect, it } from 'vitest';
import { ownGroups, type AreaGroup } from '../components/broker/BrokerBits';
import { withinAreas, type AreaChoice } from './stats';

const tree: AreaChoice[] = [
  { id: 'GM1', name: 'Stad', kind: 'municipality', depth: 0 },
  { id: 'WK1', name: 'Noord', kind: 'district', depth: 1 },
  { id: 'BU11', name: 'Esch', kind: 'neighbourhood', depth: 2 },
  { id: 'BU12', name: 'Molenakker', kind: 'neighbourhood', depth: 2 },
  { id: 'WK2', name: 'Zuid', kind: 'district', depth: 1 },
  { id: 'BU21', name: 'Beekdal', kind: 'neighbourhood', depth: 2 },
];
const ids = (cs: AreaChoice[]) => cs.map((c) => c.id);

describe('withinAreas', () => {
  it('keeps an area with everything under it, in tree order', () => {
    expect(ids(withinAreas(tree, ['WK1']))).toEqual(['WK1', 'BU11', 'BU12']);
    expect(ids(withinAreas(tree, ['BU21', 'BU11']))).toEqual(['BU11', 'BU21']);
    expect(ids(withinAreas(tree, ['GM1']))).toEqual(ids(tree));
  });
  it('keeps all when no areas are given (an admin)', () => {
    expect(withinAreas(tree, [])).toEqual(tree);
  });
});

describe('ownGroups', () => {
  const groups: AreaGroup[] = [
    { municipalityId: 'GM1', district: { id: 'WK1', name: 'Noord' }, neighbourhoods: [{ id: 'BU11', name: 'Esch' }, { id: 'BU12', name: 'Molenakker' }] },
    { municipalityId: 'GM1', district: { id: 'WK2', name: 'Zuid' }, neighbourhoods: [{ id: 'BU21', name: 'Beekdal' }] },
  ];
  it('keeps whole districts, single neighbourhoods, and drops the rest', () => {
    expect(ownGroups(groups, ['BU12']).map((g) => [g.district.id, g.neighbourhoods.map((n) => n.id)])).toEqual([['WK1', ['BU12']]]);
    expect(ownGroups(groups, ['WK2']).map((g) => g.district.id)).toEqual(['WK2']);
    expect(ownGroups(groups, ['GM1'])).toEqual(groups);
  });
});
