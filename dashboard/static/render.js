// Drawing helpers: Chart.js charts (one per canvas, replaced on redraw), their text descriptions
// for screen readers, and the table that goes with every chart.

const charts = new Map();

/** Formats a duration or count: one decimal, "—" for no value (never a misleading 0). */
export function fmt(value) {
  if (value == null || Number.isNaN(value)) return "—";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "low to high", or "—" when there is no interval. */
export function fmtInterval(low, high) {
  if (low == null || high == null) return "—";
  return `${fmt(low)} to ${fmt(high)}`;
}

/**
 * Draws `config` on the canvas `id` (destroying the chart it had), or clears it when config is
 * null. Animations are off: the numbers matter, and reduced motion is kinder to everyone.
 */
export function setChart(id, config) {
  const old = charts.get(id);
  if (old) {
    old.destroy();
    charts.delete(id);
  }
  const canvas = document.getElementById(id);
  if (!config) {
    canvas.dataset.rendered = "false";
    return;
  }
  if (typeof window.Chart !== "function") {
    canvas.dataset.rendered = "false";
    throw new Error("the chart library did not load (the table below has the numbers)");
  }
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...config.options,
  };
  charts.set(id, new window.Chart(canvas, config));
  canvas.dataset.rendered = "true";
}

/** Gives the chart's canvas (role="img") a text alternative that states its numbers. */
export function describeChart(id, text) {
  document.getElementById(id).setAttribute("aria-label", text);
}

/**
 * Writes a table into `container`: a caption, column headers (scope=col), the first cell of each
 * row a row header (scope=row). A cell is text, a number, null ("—") or a link `{ text, href }`.
 */
export function renderTable(container, { caption, columns, rows }) {
  const table = document.createElement("table");
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((value, i) => {
      const cell = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) cell.scope = "row";
      if (value && typeof value === "object" && value.href) {
        // A link cell ({ text, href }): keyboard reachable, the text is what a screen reader reads.
        const a = document.createElement("a");
        a.href = value.href;
        a.textContent = value.text;
        cell.append(a);
        if (i > 0) cell.className = "text";
      } else {
        cell.textContent = value == null ? "—" : String(value);
        if (typeof value === "string" && i > 0 && !/^[-−\d.—]/.test(value)) cell.className = "text";
      }
      tr.append(cell);
    });
  }
  container.replaceChildren(table);
  return table;
}

/** Heat-map colour for a share in [0, 1]: pale yellow (fast) to dark red (slow), readable text. */
export function heatColour(share) {
  const slowness = Math.max(0, Math.min(1, share));
  const hue = 45 - 35 * slowness;
  const light = 92 - 52 * slowness;
  return { background: `hsl(${hue} ${85 - 5 * slowness}% ${light}%)`, color: light < 60 ? "#fff" : "#1b1f24" };
}

/** Text made safe to place inside HTML markup. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]);
}

/** The page of an initiative: /dashboard/initiative/<id>. */
export const initiativeHref = (id) => `/dashboard/initiative/${encodeURIComponent(id)}`;

/** An instant (ISO string) as its London date, 2024-03-11; "—" for none. */
export function londonDay(iso) {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}
