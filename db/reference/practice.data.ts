import { SOURCES } from "./sources.js";

/** A template or way of working an initiative may use. */
export interface PracticeRecord {
  slug: string;
  name: string;
  description: string;
  source: string;
}

/** The practices recommended at the 2019 workshop that initiatives record using. */
export const PRACTICES: readonly PracticeRecord[] = [
  {
    slug: "statement-of-intent",
    name: "Data-Sharing Statement of Intent",
    description: "A short common statement of what the partners intend to share and why, agreed before the detailed IG documents.",
    source: `${SOURCES.workshopSlide12}, recommendation 4 ("Create a Data-Sharing Statement of Intent"); endorsed as one of the ${SOURCES.londonRecoveryBoard}`,
  },
  {
    slug: "common-dpia-template",
    name: "Common DPIA template",
    description: "One data protection impact assessment template shared by the participating boroughs instead of one per borough.",
    source: `${SOURCES.workshopSlide12}, recommendation 7 ("Create a common Data Protection Impact Assessment (DPIA) template")`,
  },
  {
    slug: "uksa-ethics-self-assessment",
    name: "UK Statistics Authority data ethics self-assessment",
    description: "The UK Statistics Authority's ethics self-assessment framework for the ethical use of data, completed for the initiative.",
    source: `${SOURCES.workshopSlide12}, recommendation 6 ("Trial the use of the UK Statistics Authority Data Ethics Self-assessment framework")`,
  },
  {
    slug: "ig-at-concept",
    name: "IG lead involved at concept stage",
    description: "IG leads take part in the concept review of the data-enabled solution, before the DPIA is written.",
    source: `${SOURCES.workshopSlide12}, recommendation 5 ("Design a process to involve IG leads in the concept review stage of data-enabled solutions")`,
  },
];
