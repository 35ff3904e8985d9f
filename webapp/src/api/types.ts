// The shapes of the account API (/api/v1), as the OpenAPI document defines them.

export type Role = 'resident' | 'keyfigure' | 'broker' | 'contact' | 'admin';

export interface AreaRef {
  id: string;
  name: string;
}

/** The signed-in person: GET /me. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  /** Null for professionals without an address in the area. */
  postcode: string | null;
  houseNumber: string | null;
  phone: string | null;
  language: 'nl' | 'en';
  neighbourhood: AreaRef | null;
  district: AreaRef | null;
  organisation: AreaRef | null;
  /** A broker's areas (a district or municipality covers all in it); empty for others. */
  brokerAreas?: AreaRef[];
  totpEnabled: boolean;
  secondFactorRequired: boolean;
  createdAt: string;
}

/** The answer to register, login and refresh. */
export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Me;
}

export interface PostcodeInfo {
  postcode: string;
  neighbourhood: AreaRef;
  district: AreaRef;
  municipality: AreaRef;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  /** A PNG data: URL, drawn by the server. */
  qrCode: string;
}

export interface ContactAssignment {
  area: AreaRef;
  team: AreaRef;
  contact: {
    displayName: string;
    initials: string;
    phone: string | null;
    email: string;
    photoUrl: string | null;
  };
}

/** Roles that work with other people's data and must use a second factor. */
export const professionalRoles: Role[] = ['broker', 'contact', 'admin'];

export const isProfessional = (me: Me) => me.roles.some((r) => professionalRoles.includes(r));
