/**
 * Plainly synthetic names the generator draws from. Nothing here describes a real initiative or
 * a real organisation's involvement in one.
 */

/** Themes of synthetic data-sharing initiatives; `health` ones lean on NHS partners and OneLondon. */
export const THEMES: readonly { title: string; purpose: string; health: boolean }[] = [
  { title: "Adult social care hospital discharge data share", purpose: "Speed up safe discharge by sharing discharge-ready lists with adult social care.", health: true },
  { title: "Children's services early help data share", purpose: "Identify families who could benefit from early help across services.", health: false },
  { title: "Homelessness prevention data share", purpose: "Spot households at risk of homelessness early enough to prevent it.", health: false },
  { title: "Rough sleeping outreach data share", purpose: "Coordinate outreach to people sleeping rough across borough boundaries.", health: false },
  { title: "Anti-social behaviour case data share", purpose: "Manage anti-social behaviour cases jointly with community safety partners.", health: false },
  { title: "Domestic abuse risk assessment data share", purpose: "Share risk assessments for multi-agency risk assessment conferences.", health: false },
  { title: "Council tax reduction data match", purpose: "Match benefit records to make sure residents receive the reductions they are entitled to.", health: false },
  { title: "Fuel poverty targeting data share", purpose: "Target energy-efficiency support at households in fuel poverty.", health: false },
  { title: "Air quality and respiratory health data share", purpose: "Relate local air quality to respiratory admissions to target interventions.", health: true },
  { title: "School admissions data share", purpose: "Coordinate admissions between neighbouring boroughs.", health: false },
  { title: "SEND transport data share", purpose: "Plan transport for pupils with special educational needs across boroughs.", health: false },
  { title: "Childhood obesity insight data share", purpose: "Combine measurement programme data with service data to target support.", health: true },
  { title: "Vulnerable residents shielding data share", purpose: "Reach clinically vulnerable residents with support during an emergency.", health: true },
  { title: "Cost-of-living support data share", purpose: "Find residents eligible for cost-of-living support who have not claimed it.", health: false },
  { title: "Supporting families outcomes data share", purpose: "Measure the outcomes of the supporting families programme.", health: false },
  { title: "Housing damp and mould data share", purpose: "Link repairs and health data to prioritise damp and mould cases.", health: true },
  { title: "Youth offending data share", purpose: "Share case information between youth offending services and partners.", health: false },
  { title: "Electoral register data match", purpose: "Match records to keep the electoral register complete.", health: false },
  { title: "Missing children data share", purpose: "Share information quickly when a child goes missing across boroughs.", health: false },
  { title: "Care leavers support data share", purpose: "Keep support going when care leavers move between boroughs.", health: false },
  { title: "Temporary accommodation placements data share", purpose: "Tell host boroughs about temporary accommodation placements.", health: false },
  { title: "Welfare benefits take-up data share", purpose: "Raise take-up of pension credit and other benefits.", health: false },
  { title: "Serious violence reduction data share", purpose: "Share data for the serious violence duty's strategic needs assessment.", health: false },
  { title: "Modern slavery referral data share", purpose: "Coordinate referrals of potential victims of modern slavery.", health: false },
  { title: "Social prescribing data share", purpose: "Connect GP referrals with community services.", health: true },
  { title: "Carers' register data share", purpose: "Offer support to unpaid carers known to health services.", health: true },
  { title: "Digital inclusion data share", purpose: "Target devices and skills support at digitally excluded residents.", health: false },
  { title: "Business rates relief data match", purpose: "Make sure eligible businesses receive rates relief.", health: false },
  { title: "Mental health crisis care data share", purpose: "Coordinate crisis care between mental health trusts and councils.", health: true },
  { title: "Immunisation uptake data share", purpose: "Target immunisation outreach at areas of low uptake.", health: true },
];

/** Partner organisations of synthetic initiatives: plainly synthetic names, real generic kinds. */
export const PARTNERS: readonly { slug: string; name: string; kind: string; health: boolean }[] = [
  { slug: "syn-nhs-trust-north", name: "Synthetic NHS Trust (North London)", kind: "NHS_TRUST", health: true },
  { slug: "syn-nhs-trust-south", name: "Synthetic NHS Trust (South London)", kind: "NHS_TRUST", health: true },
  { slug: "syn-nhs-trust-east", name: "Synthetic NHS Trust (East London)", kind: "NHS_TRUST", health: true },
  { slug: "syn-nhs-trust-west", name: "Synthetic NHS Trust (West London)", kind: "NHS_TRUST", health: true },
  { slug: "syn-mental-health-trust", name: "Synthetic Mental Health NHS Trust", kind: "NHS_TRUST", health: true },
  { slug: "syn-ics-north", name: "Synthetic Integrated Care Board (North)", kind: "ICS", health: true },
  { slug: "syn-ics-south", name: "Synthetic Integrated Care Board (South)", kind: "ICS", health: true },
  { slug: "syn-ambulance", name: "Synthetic Ambulance Service", kind: "NHS_TRUST", health: true },
  { slug: "syn-police", name: "Synthetic Metropolitan Police Unit", kind: "POLICE", health: false },
  { slug: "syn-fire", name: "Synthetic Fire Brigade Unit", kind: "FIRE", health: false },
  { slug: "syn-regional-authority", name: "Synthetic Regional Authority", kind: "GLA", health: false },
  { slug: "syn-housing-association", name: "Synthetic Housing Association", kind: "HOUSING_ASSOCIATION", health: false },
  { slug: "syn-probation", name: "Synthetic Probation Service Unit", kind: "PROBATION", health: false },
  { slug: "syn-charity", name: "Synthetic Community Charity", kind: "CHARITY", health: false },
  { slug: "syn-university", name: "Synthetic University Research Group", kind: "UNIVERSITY", health: false },
  { slug: "syn-dwp", name: "Synthetic Benefits Agency Office", kind: "CENTRAL_GOVERNMENT", health: false },
];

/** IG contact roles every borough gets a synthetic contact for. */
export const CONTACT_ROLES: readonly { role: string; label: string; mailbox: string }[] = [
  { role: "DPO", label: "DPO", mailbox: "dpo" },
  { role: "IG_LEAD", label: "IG lead", mailbox: "ig-lead" },
  { role: "SIRO", label: "SIRO", mailbox: "siro" },
  { role: "CALDICOTT_GUARDIAN", label: "Caldicott guardian", mailbox: "caldicott" },
];
