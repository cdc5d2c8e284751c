import { ApiError } from "./graphql.js";

/**
 * A panel's state for the page and for assistive tools: loading (aria-busy), ready or empty (with
 * its number of data points), or failed with the reason in the panel's alert.
 */
export function panel(id) {
  const el = document.getElementById(id);
  return {
    el,
    status: el.querySelector(".status"),
    table: el.querySelector(".fallback .table") ?? el.querySelector(".table"),
    loading() {
      el.dataset.state = "loading";
      el.setAttribute("aria-busy", "true");
    },
    ready(points) {
      el.dataset.state = points > 0 ? "ready" : "empty";
      el.dataset.points = String(points);
      el.removeAttribute("aria-busy");
      this.status.textContent = "";
      this.status.classList.remove("info");
    },
    info(message) {
      this.status.classList.add("info");
      this.status.textContent = message;
    },
    fail(what, err) {
      el.dataset.state = "error";
      el.dataset.points = "0";
      el.removeAttribute("aria-busy");
      this.status.classList.remove("info");
      const reason = err instanceof ApiError || (err && err.message) ? err.message : String(err);
      this.status.textContent = `Could not load ${what}: ${reason}. Try again, or change the filters.`;
    },
  };
}

/** True for the rejection of a fetch a newer draw cancelled (nothing to show). */
export const isAbort = (err) => Boolean(err && err.name === "AbortError");
