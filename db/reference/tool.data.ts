import { SOURCES } from "./sources.js";

/** An IG tool of the comparison, or the email-and-documents baseline. */
export interface ToolRecord {
  slug: string;
  name: string;
  vendor: string | null;
  description: string;
  /** What it costs, as far as known; null when UNKNOWN. */
  cost: string | null;
  isBaseline: boolean;
  /** Caveats, e.g. that identifying the product is an inference. */
  note: string | null;
  source: string;
}

/** Sources per tool (RESEARCH.md), reused by the feature-support rows of the same tool. */
export const TOOL_SOURCES: Record<string, string> = {
  isg:
    "ISG FAQ (informationsharinggateway.document360.io/docs/faq); ISG privacy notice (informationsharinggateway.org.uk); " +
    `i-network.org.uk (Morecambe Bay digital solutions); ${SOURCES.workshopSlide17}`,
  onelondon: `onelondon.online/about; NW London GP GDPR notes on the Data Controller Console (nwlgp-gdpr.uk, 2019-06-11); ${SOURCES.workshopSlide17}`,
  weisf:
    "weisf.essex.gov.uk (information-sharing-protocols, protocol review information); informationsharing.org.uk (WEISF \"onward and upwards\"); " +
    SOURCES.workshopSlide17,
  icase: `G-Cloud listing for Civica iCasework; ${SOURCES.workshopSlide17}`,
  ecins: `empowering-communities.org (2014-01-22, 2016-09-27); ecins.com; ${SOURCES.workshopSlide17}`,
  flowz: `${SOURCES.workshopSlide17} (named only; the product was not identified)`,
  manual: SOURCES.baseline,
};

/** The seven tools: the six of the 2019 comparison and `manual`, the baseline. */
export const TOOLS: readonly ToolRecord[] = [
  {
    slug: "isg",
    name: "Information Sharing Gateway (ISG)",
    vendor: "Lancashire & Cumbria IG group; hosted by University Hospitals of Morecambe Bay NHS Trust",
    description:
      "Online platform for information-sharing agreements: organisation register, ISA generation, per-organisation sign-off and a data-sharing map. 3,310 organisations and 5,906 users (i-network).",
    cost: "Fee per 100 organisations, plus a free tier",
    isBaseline: false,
    note: null,
    source: TOOL_SOURCES.isg!,
  },
  {
    slug: "onelondon",
    name: "OneLondon Data Controller Console",
    vendor: "OneLondon (NHS London programme: 5 ICSs and London Ambulance Service)",
    description: "The NHS London programme's console for data controllers: organisation register, ISA/DSA and processing contracts, DPIA, electronic sign-off.",
    cost: "UNKNOWN (possibly NHS-funded; not confirmed)",
    isBaseline: false,
    note: "† \"OneLondon\" is a programme (OneLondon Data Sharing Framework, London Care Record); treating the Data Controller Console as its IG tool is an inference.",
    source: TOOL_SOURCES.onelondon!,
  },
  {
    slug: "weisf",
    name: "Whole Essex Information Sharing Framework (WEISF)",
    vendor: "Essex County Council",
    description: "Essex's information-sharing framework (since 2014): partners sign the framework; a public list of information-sharing protocols with lead organisation, other organisations and review date.",
    cost: null,
    isBaseline: false,
    note: null,
    source: TOOL_SOURCES.weisf!,
  },
  {
    slug: "icase",
    name: "Civica iCasework (iCase)",
    vendor: "Civica",
    description: "Civica's case-management platform, with form and workflow designers, SLA monitoring, dashboards and an integration API.",
    cost: "Listed on G-Cloud",
    isBaseline: false,
    note: "‡ Identifying \"iCase\" as Civica iCasework is an inference.",
    source: TOOL_SOURCES.icase!,
  },
  {
    slug: "ecins",
    name: "e-CINS",
    vendor: "Empowering-Communities (not for profit)",
    description: "Multi-agency case management for anti-social behaviour and vulnerability, with tasks and notifications.",
    cost: "Free to some agencies where funded",
    isBaseline: false,
    note: null,
    source: TOOL_SOURCES.ecins!,
  },
  {
    slug: "flowz",
    name: "Flowz",
    vendor: null,
    description: "Named in the 2019 workshop's comparison; the product was not identified, so nothing is known of its features.",
    cost: null,
    isBaseline: false,
    note: "Not identified: every feature is UNKNOWN.",
    source: TOOL_SOURCES.flowz!,
  },
  {
    slug: "manual",
    name: "Manual (email and documents)",
    vendor: null,
    description: "The baseline: IG documents written in word processors and circulated, queried and signed off by e-mail, without a dedicated tool.",
    cost: "No licence; staff time only",
    isBaseline: true,
    note: "Not a product: the baseline that tools are compared against.",
    source: TOOL_SOURCES.manual!,
  },
];
