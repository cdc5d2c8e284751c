// The initiative page (/dashboard/initiative/<id>): who holds it now and its forecasts, a
// timeline of its stages, each signer's sign-off (queries, DPO review when recorded, approval,
// retractions) and its event log, from the hub's GraphQL API. Every chart has a table.
import { runQuery } from "./graphql.js";
import { isAbort, panel } from "./panel.js";
import { londonDay, renderTable } from "./render.js";
import { HELD_WORDS, STATE_WORDS, forecastCells } from "./panels/now.js";

const KIND_WORDS = {
  SUBMITTED: "Submitted",
  RESUBMITTED: "Resubmitted (query answered)",
  QUERY_RAISED: "Query raised",
  DPO_REVIEWED: "DPO review",
  APPROVED: "Approved (signed off)",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
  RETRACTED: "Retraction",
};
const STATUS_WORDS = { NOT_STARTED: "Not started", OPEN: "Open", APPROVED: "Approved", REJECTED: "Rejected", WITHDRAWN: "Withdrawn" };
const DAY = 86_400_000;

/** The id in the address: the last path segment. */
export const initiativeIdFromPath = (path) => decodeURIComponent(path.split("/").filter(Boolean).pop() ?? "");

/** Every event of the initiative (pages of 100 followed to the end). */
async function load(id) {
  const first = await runQuery("dashboard-initiative", { id, after: null });
  if (!first.initiative) return first;
  const events = [...first.initiative.events.edges];
  let page = first.initiative.events.pageInfo;
  while (page.hasNextPage) {
    const next = await runQuery("dashboard-initiative", { id, after: page.endCursor });
    events.push(...next.initiative.events.edges);
    page = next.initiative.events.pageInfo;
  }
  first.initiative.events.edges = events;
  return first;
}

/** A list of dates ("2024-03-04, 2024-03-11"), "—" for none. */
const dates = (events) => (events.length ? events.map((e) => londonDay(e.at) + (e.retracted ? " (retracted)" : "")).join(", ") : "—");

function drawNow(el, items, forecast, init) {
  const stage = items.find((i) => i.organisation === null);
  const lines = [];
  if (stage) {
    lines.push(
      `${stage.stage} is open: ${stage.ageWorkingDays} working days, held by ${HELD_WORDS[stage.heldBy]}` +
        (stage.pendingSigners.length ? `, still to sign: ${stage.pendingSigners.join(", ")}` : "") +
        `. ${STATE_WORDS[stage.state]}${stage.serviceLevelDays != null ? ` against its service level of ${stage.serviceLevelDays} working days` : ""}.`,
    );
  } else lines.push("No stage is open.");
  const approved = forecast && forecast.reasonCode === "APPROVED" ? init.stageSummaries.find((s) => s.stage.code === forecast.target) : null;
  if (approved) lines.push(`${forecast.target} was approved on ${londonDay(approved.approvedAt)}.`);
  else if (forecast) {
    lines.push(
      forecast.p50 == null
        ? `${forecast.target} approval: no forecast (${forecast.reason}).`
        : `${forecast.target} approved by ${londonDay(forecast.p50)} (50%), ${londonDay(forecast.p85)} (85%), ${londonDay(forecast.p95)} (95%)` +
            (forecast.p95 == null && forecast.reason ? ` — no later date: ${forecast.reason}.` : "."),
    );
  }
  el.replaceChildren(...lines.map((t) => Object.assign(document.createElement("p"), { className: "headline-small", textContent: t })));
}

function drawTimeline(ol, summaries, now) {
  const spans = summaries
    .filter((s) => s.submittedAt)
    .map((s) => ({ s, from: Date.parse(s.submittedAt), to: Date.parse(s.approvedAt ?? s.endedAt ?? now) }));
  ol.replaceChildren();
  if (spans.length === 0) {
    ol.append(Object.assign(document.createElement("li"), { textContent: "Nothing submitted yet." }));
    return;
  }
  const lo = Math.min(...spans.map((x) => x.from));
  const hi = Math.max(...spans.map((x) => x.to), lo + DAY);
  for (const { s, from, to } of spans) {
    const li = document.createElement("li");
    const label = document.createElement("span");
    label.className = "tl-label";
    label.textContent = `${s.stage.code} ${STATUS_WORDS[s.status]}: ${londonDay(s.submittedAt)} → ${s.approvedAt || s.endedAt ? londonDay(s.approvedAt ?? s.endedAt) : "open"}`;
    const track = document.createElement("span");
    track.className = "tl-track";
    const bar = document.createElement("span");
    bar.className = `tl-bar ${s.status.toLowerCase()}`;
    // CSSOM, not a style attribute: the page's CSP allows it.
    bar.style.left = `${(100 * (from - lo)) / (hi - lo)}%`;
    bar.style.width = `${Math.max(0.8, (100 * (to - from)) / (hi - lo))}%`;
    track.append(bar);
    li.append(label, track);
    ol.append(li);
  }
}

/** Rows of the sign-off table: a row per stage submitted and signer (participants, and any organisation with an event). */
/** An event's signer: a borough's GSS code or a partner organisation's slug; null for an initiative-wide event. */
const signerOf = (e) => e.borough?.gssCode ?? e.organisation ?? null;

export function signerRows(init, events) {
  const rows = [];
  const retractedBy = new Map(events.filter((e) => e.kind === "RETRACTED" && e.retracts).map((e) => [e.retracts, e]));
  for (const s of init.stageSummaries.filter((x) => x.submittedAt)) {
    const code = s.stage.code;
    const mine = events.filter((e) => e.stage === code);
    const pending = new Set(s.pendingBoroughs.map((b) => b.gssCode));
    // The signers: the participating boroughs, and every organisation (borough or partner) that
    // recorded an event of the stage.
    const signers = [...new Set([...init.boroughs.map((b) => b.borough.gssCode), ...mine.filter((e) => signerOf(e)).map(signerOf)])];
    const names = new Map([
      ...init.boroughs.map((b) => [b.borough.gssCode, b.borough.name]),
      ...(init.partners ?? []).map((p) => [p.organisation.slug, p.organisation.name]),
      ...mine.filter((e) => e.borough).map((e) => [e.borough.gssCode, e.borough.name]),
    ]);
    for (const gss of signers) {
      // An approval with no organisation signs for every participant.
      const of = (kind) => mine.filter((e) => e.kind === kind && (signerOf(e) ? signerOf(e) === gss : kind === "APPROVED"));
      const retractions = mine.filter((e) => (signerOf(e) ? signerOf(e) === gss : true) && e.retracted).map((e) => `${KIND_WORDS[e.kind] ?? e.kind} of ${londonDay(e.at)} retracted ${retractedBy.has(e.id) ? londonDay(retractedBy.get(e.id).at) : ""}`.trim());
      // A partner (not in pendingBoroughs) is pending until it has an APPROVED not retracted (or one for all).
      const waits = init.boroughs.some((b) => b.borough.gssCode === gss) ? pending.has(gss) : !of("APPROVED").some((e) => !e.retracted);
      const nowText = s.status === "OPEN" ? (waits ? "Pending" : "Signed") : STATUS_WORDS[s.status];
      rows.push([`${code} · ${names.get(gss) ?? gss}`, londonDay(s.submittedAt), dates(of("QUERY_RAISED")), dates(of("DPO_REVIEWED")), dates(of("APPROVED")), retractions.join("; ") || "—", nowText]);
    }
  }
  return rows;
}

async function main() {
  const view = panel("panel-initiative");
  view.loading();
  document.body.dataset.busy = "true";
  const id = initiativeIdFromPath(location.pathname);
  try {
    const data = await load(id);
    const init = data.initiative;
    if (!init) throw new Error(`no initiative has the id “${id}”`);
    document.title = `${init.id} ${init.title} — London IG Hub`;
    document.getElementById("i-title").textContent = `${init.id} ${init.title}`;
    const banner = document.getElementById("dataset-banner");
    if (init.synthetic) {
      banner.textContent = "Synthetic data: this initiative was generated by the hub's demo and is not real.";
      banner.hidden = false;
    }
    const lead = init.boroughs.find((b) => b.role === "LEAD");
    document.getElementById("i-meta").textContent =
      `${STATUS_WORDS[init.status] ?? init.status} · ${init.tool.name} · ${init.boroughs.length} participating organisations` + (lead ? `, led by ${lead.borough.name}` : "") + ".";
    const events = init.events.edges.map((e) => e.node);
    drawNow(view.el.querySelector(".i-now"), data.openItems.items, data.initiativeForecast, init);
    const nowTable = view.el.querySelector(".i-now-table");
    nowTable.hidden = data.openItems.items.length === 0;
    renderTable(nowTable.querySelector(".table"), {
      caption: "Open stage and signers still to sign, with forecasts",
      columns: ["Item", "Age (working days)", "State", "Held by", "Done by: 50%", "85%", "95%"],
      rows: data.openItems.items.map((i) => [i.organisation ? `${i.stage} · ${i.organisation}` : `${i.stage} (whole stage)`, i.ageWorkingDays, STATE_WORDS[i.state], HELD_WORDS[i.heldBy], ...forecastCells(i.forecast)]),
    });
    drawTimeline(view.el.querySelector(".timeline"), init.stageSummaries, new Date().toISOString());
    renderTable(view.el.querySelector(".i-stages .table"), {
      caption: "Stages",
      columns: ["Stage", "Status", "Submitted", "Approved or ended", "Query rounds", "Still to sign"],
      rows: init.stageSummaries.map((s) => [`${s.stage.code} ${s.stage.name}`, STATUS_WORDS[s.status], londonDay(s.submittedAt), londonDay(s.approvedAt ?? s.endedAt), s.rounds, s.pendingBoroughs.map((b) => b.gssCode).join(", ") || "—"]),
    });
    renderTable(view.el.querySelector(".i-signers .table"), {
      caption: "Sign-off per stage and signer",
      columns: ["Stage · signer", "Submitted", "Queries raised", "DPO review", "Approved", "Retractions", "Now"],
      rows: signerRows(init, events),
    });
    renderTable(view.el.querySelector(".i-events .table"), {
      caption: `Every stage event, in time order (${events.length})`,
      columns: ["Date", "Stage", "Event", "Organisation", "Note"],
      rows: events.map((e) => [londonDay(e.at), e.stage, KIND_WORDS[e.kind] ?? e.kind, e.borough ? e.borough.name : (e.organisation ?? "—"), [e.retracted ? "retracted" : "", e.retracts ? `retracts ${e.retracts}` : "", e.reason ?? ""].filter(Boolean).join("; ") || "—"]),
    });
    view.ready(events.length);
  } catch (err) {
    if (!isAbort(err)) view.fail("this initiative", err);
  }
  document.body.dataset.busy = "false";
}

void main();
