import { SOURCES } from "./sources.js";

/** One stage of a process definition. */
export interface ProcessStageRecord {
  code: string;
  position: number;
  name: string;
  description: string;
}

/** A process definition: its stages, in order, are data so that later frameworks load beside it. */
export interface ProcessRecord {
  slug: string;
  name: string;
  source: string;
  isDefault: boolean;
  stages: readonly ProcessStageRecord[];
}

/** The default process: the five steps of LOTI's 2019 IG workshop. */
export const LOTI_2019: ProcessRecord = {
  slug: "loti-2019",
  name: "LOTI data-sharing IG process (2019 workshop, five steps)",
  source: `${SOURCES.workshopSlide12}: Idea → MoU / Concept Statement / Statement of Intent → DPIA → ISA → Review`,
  isDefault: true,
  stages: [
    {
      code: "IDEA",
      position: 1,
      name: "Idea",
      description: "A data-sharing idea is raised and checked with IG leads for whether the issue lends itself to a data-enabled solution.",
    },
    {
      code: "CONCEPT",
      position: 2,
      name: "MoU / concept statement / statement of intent",
      description: "The participating organisations agree what they intend to share and why (memorandum of understanding, concept statement or data-sharing statement of intent).",
    },
    {
      code: "DPIA",
      position: 3,
      name: "Data protection impact assessment",
      description: "The data protection impact assessment of the sharing, signed off by every participating borough's DPO or IG lead.",
    },
    {
      code: "ISA",
      position: 4,
      name: "Information-sharing agreement",
      description: "The information-sharing agreement (or protocol) that every participating organisation signs.",
    },
    {
      code: "REVIEW",
      position: 5,
      name: "Review",
      description: "The periodic review of the live sharing and its agreement.",
    },
  ],
};

/** Every process definition the reference data loads. */
export const PROCESSES: readonly ProcessRecord[] = [LOTI_2019];
