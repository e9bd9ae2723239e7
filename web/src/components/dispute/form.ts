// The application of a dispute (Art 8) as the form edits it, and its JSON for POST/PUT /disputes.
import type { Dispute, LegalBasisRef } from '../../api'

export interface PartyForm {
  org_id: string
  org_name: string
  position: string
  legal_basis: LegalBasisRef[]
}

export interface ApplicationForm {
  letter_attachment_id: string | null
  letter_name: string
  focus: string
  parties: PartyForm[] // the applicant first
  negotiation_date: string
  negotiation_participants: string
  negotiation_outcome: string
  other_info: string
  domain: string // 执法领域 code; '' = 未分类
}

export function emptyForm(applicantId: string, applicantName: string): ApplicationForm {
  return {
    letter_attachment_id: null,
    letter_name: '',
    focus: '',
    parties: [{ org_id: applicantId, org_name: applicantName, position: '', legal_basis: [{ law: '', article: '' }] }],
    negotiation_date: '',
    negotiation_participants: '',
    negotiation_outcome: '',
    other_info: '',
    domain: '',
  }
}

export function formOf(d: Dispute, letterName: string): ApplicationForm {
  return {
    letter_attachment_id: d.letter_attachment_id,
    letter_name: letterName,
    focus: d.focus,
    parties: (d.parties ?? []).map((p) => ({
      org_id: p.org_id,
      org_name: p.org_name,
      position: p.position,
      legal_basis: p.legal_basis.length ? p.legal_basis.map((b) => ({ ...b })) : [{ law: '', article: '' }],
    })),
    negotiation_date: d.negotiation.date ?? '',
    negotiation_participants: d.negotiation.participants,
    negotiation_outcome: d.negotiation.outcome,
    other_info: d.other_info,
    domain: d.domain ?? '',
  }
}

// Empty legal-basis rows are dropped; the completeness check names what is still missing.
export function inputOf(f: ApplicationForm) {
  return {
    letter_attachment_id: f.letter_attachment_id ?? undefined,
    focus: f.focus.trim(),
    parties: f.parties.map((p) => ({
      org_id: p.org_id,
      position: p.position.trim(),
      legal_basis: p.legal_basis
        .map((b) => ({ law: b.law.trim(), article: b.article.trim() }))
        .filter((b) => b.law !== '' || b.article !== ''),
    })),
    negotiation: {
      date: f.negotiation_date || undefined,
      participants: f.negotiation_participants.trim(),
      outcome: f.negotiation_outcome.trim(),
    },
    other_info: f.other_info.trim(),
    // Always sent, '' when none (a cleared select gives undefined): PUT replaces the application,
    // so leaving it out would also clear it, but silently.
    domain: f.domain || '',
  }
}
