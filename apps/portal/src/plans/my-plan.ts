/**
 * "My plan": the child's plan in plain words, for a case manager to print or go through with the child. Pure.
 * Children told inspectors they could not remember their plan and did not know where they would live; this page
 * answers those questions first, in the child's own words where they are recorded, and never says "offender".
 */
export interface PlanData {
  expectedReleaseDate: string | null;
  child: { givenName: string; preferredName: string | null };
  caseManager: { givenName: string; familyName: string } | null;
  supervisingService: { name: string };
  resettlementPlan: {
    childVoice: { aspirations: string | null; strengths: string | null; selfAssessment: string | null } | null;
    pathways: {
      type: string;
      status: string;
      childView: string | null;
      ownerName: string | null;
      responsibleOrganisation: { name: string } | null;
      needSummary: string | null;
    }[];
    referrals: {
      type: string;
      status: string;
      toOrganisation: { name: string };
      offerAddressOrPlace: string | null;
      offerPlacementType: string | null;
      offerProvider: string | null;
      offerStartDate: string | null;
      updatedAt?: string;
    }[];
    meetings: { type: string; startsAt: string; status: string; location: string | null }[] | null;
    releaseDay: {
      meetingDate: string | null;
      meetingTime: string | null;
      metByName: string | null;
      metByRelationship: string | null;
      travelArrangements: string | null;
      firstDestination: string | null;
      firstAppointmentDate: string | null;
      firstAppointmentTime: string | null;
      firstAppointmentPlace: string | null;
      firstAppointmentWith: string | null;
    } | null;
    appointments: { at: string; kind: string; withWhom: string; place: string | null; outcome: string }[] | null;
  } | null;
}

interface Appointment {
  /** ISO date-time, or a date with an optional HH:MM. */
  when: string;
  what: string;
  where: string | null;
}

export interface MyPlan {
  name: string;
  leavingOn: string | null;
  live: {
    known: boolean;
    address: string | null;
    kind: string | null;
    provider: string | null;
    from: string | null;
    inMyWords: string | null;
  };
  meetMe: {
    known: boolean;
    who: string | null;
    when: { date: string | null; time: string | null };
    travel: string | null;
    firstStop: string | null;
  };
  learn: { known: boolean; place: string | null; kind: string | null; from: string | null; inMyWords: string | null };
  helpers: { about: string; who: string; inMyWords: string | null }[];
  appointments: Appointment[];
  myWords: { hopes: string | null; goodAt: string | null; whatINeed: string | null };
  caseManager: string | null;
}

/** Each pathway in words a child would use. */
const PLAIN_PATHWAY: Record<string, string> = {
  ACCOMMODATION: 'Where I will live',
  EDUCATION_TRAINING_EMPLOYMENT: 'School, college, training or work',
  PHYSICAL_HEALTH: 'My health',
  MENTAL_HEALTH: 'How I am feeling',
  SUBSTANCE_MISUSE: 'Drugs and alcohol',
  SPEECH_LANGUAGE_COMMUNICATION: 'Talking, listening and understanding',
  FAMILY_AND_RELATIONSHIPS: 'My family and people close to me',
  FINANCE_BENEFITS_ID: 'Money, benefits and ID',
  CONSTRUCTIVE_ACTIVITIES: 'Things to do and people to help me',
};

const MEETING_WORDS: Record<string, string> = {
  INITIAL: 'First meeting about my plan',
  REVIEW: 'Meeting to check how my plan is going',
  PRE_RELEASE: 'Meeting before I leave',
  POST_RELEASE: 'Meeting after I leave',
  OTHER: 'Meeting about my plan',
};

const INACTIVE = new Set(['NOT_STARTED', 'SUPPORT_NOT_REQUIRED', 'SUPPORT_DECLINED']);

export function myPlanOf(data: PlanData, now: Date): MyPlan {
  const plan = data.resettlementPlan;
  const pathway = (type: string) => plan?.pathways.find((p) => p.type === type);
  // The latest confirmed referral of a type is what is actually arranged.
  const confirmed = (type: string) =>
    plan?.referrals
      .filter((r) => r.type === type && r.status === 'CONFIRMED')
      .sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0];
  const home = confirmed('ACCOMMODATION');
  const school = confirmed('EDUCATION');
  const day = plan?.releaseDay ?? null;

  const helpers = (plan?.pathways ?? [])
    .filter((p) => !INACTIVE.has(p.status) && (p.ownerName || p.responsibleOrganisation))
    .map((p) => ({
      about: PLAIN_PATHWAY[p.type] ?? p.type,
      who: [p.ownerName, p.responsibleOrganisation?.name].filter(Boolean).join(', '),
      inMyWords: p.childView,
    }));

  const appointments: Appointment[] = [];
  for (const m of plan?.meetings ?? []) {
    if (m.status === 'SCHEDULED' && Date.parse(m.startsAt) >= now.getTime())
      appointments.push({ when: m.startsAt, what: MEETING_WORDS[m.type] ?? 'Meeting', where: m.location });
  }
  if (day?.firstAppointmentDate) {
    appointments.push({
      when: day.firstAppointmentTime
        ? `${day.firstAppointmentDate}T${day.firstAppointmentTime}`
        : day.firstAppointmentDate,
      what: day.firstAppointmentWith
        ? `First appointment, with ${day.firstAppointmentWith}`
        : 'First appointment with my youth justice worker',
      where: day.firstAppointmentPlace,
    });
  }
  for (const a of plan?.appointments ?? []) {
    if (a.outcome === 'PLANNED' && Date.parse(a.at) >= now.getTime())
      appointments.push({ when: a.at, what: `Appointment with ${a.withWhom}`, where: a.place });
  }
  appointments.sort((a, b) => a.when.localeCompare(b.when));

  return {
    name: data.child.preferredName || data.child.givenName,
    leavingOn: data.expectedReleaseDate,
    live: {
      known: Boolean(home),
      address: home?.offerAddressOrPlace ?? null,
      kind: home?.offerPlacementType ?? null,
      provider: home?.offerProvider ?? null,
      from: home?.offerStartDate ?? null,
      inMyWords: pathway('ACCOMMODATION')?.childView ?? null,
    },
    meetMe: {
      known: Boolean(day?.metByName),
      who: day?.metByName ? [day.metByName, day.metByRelationship].filter(Boolean).join(', ') : null,
      when: { date: day?.meetingDate ?? data.expectedReleaseDate, time: day?.meetingTime ?? null },
      travel: day?.travelArrangements ?? null,
      firstStop: day?.firstDestination ?? null,
    },
    learn: {
      known: Boolean(school),
      place: school?.offerAddressOrPlace ?? null,
      kind: school?.offerPlacementType ?? null,
      from: school?.offerStartDate ?? null,
      inMyWords: pathway('EDUCATION_TRAINING_EMPLOYMENT')?.childView ?? null,
    },
    helpers,
    appointments,
    myWords: {
      hopes: plan?.childVoice?.aspirations ?? null,
      goodAt: plan?.childVoice?.strengths ?? null,
      whatINeed: plan?.childVoice?.selfAssessment ?? null,
    },
    caseManager: data.caseManager
      ? `${data.caseManager.givenName} ${data.caseManager.familyName}, ${data.supervisingService.name}`
      : null,
  };
}
