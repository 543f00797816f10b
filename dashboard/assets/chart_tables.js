/* Every chart has the table of its numbers one click away (issue 16): under each chart a
   "Tabel met de getallen" / "Table of the numbers" that opens a table built from the very data
   the chart draws (its traces), rebuilt whenever the chart is redrawn. A screen reader, a
   keyboard or a colour-blind reader gets the same numbers as the picture. */
(function () {
  "use strict";

  const TEXTS = {
    nl: { summary: "Tabel met de getallen", row: "Waarde" },
    en: { summary: "Table of the numbers", row: "Value" },
  };

  function lang() {
    return new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";
  }

  function words(label) {
    const holder = document.createElement("span");
    holder.innerHTML = String(label === undefined || label === null ? "" : label)
      .replace(/<br\s*\/?>/gi, " ");
    return holder.textContent.replace(/\s+/g, " ").trim();
  }

  // One formatter per address: toLocaleString made a new one (and read the URL) for every cell.
  let formatFor = null;
  let format = null;
  function formatter() {
    if (formatFor !== window.location.search) {
      formatFor = window.location.search;
      format = new Intl.NumberFormat(lang() === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 2 });
    }
    return format;
  }

  function number(value) {
    if (value === null || value === undefined || value === "" || Number.isNaN(value)) {
      return "–";
    }
    if (typeof value !== "number") {
      return words(value);
    }
    return formatter().format(value);
  }

  // A category of the axis as the reader sees it: the tick text where the axis has one.
  function category(axis, value) {
    if (axis && axis.tickvals && axis.ticktext) {
      const at = Array.from(axis.tickvals).findIndex(function (tick) { return tick === value; });
      if (at >= 0) {
        return words(axis.ticktext[at]);
      }
    }
    return typeof value === "number" ? number(value) : words(value);
  }

  // A trace's values as a plain list: plotly keeps typed arrays, and a figure sent from Python
  // may hold its numbers base64-encoded in gd.data; gd._fullData has them decoded.
  function list(values) {
    if (Array.isArray(values)) { return values; }
    if (values && ArrayBuffer.isView(values)) { return Array.from(values); }
    return [];
  }

  function columnsOf(gd) {
    const layout = gd._fullLayout || {};
    const rows = [];
    const columns = [];
    const cells = {};
    function put(row, column, value) {
      if (rows.indexOf(row) < 0) { rows.push(row); }
      if (columns.indexOf(column) < 0) { columns.push(column); }
      cells[row + "\u0000" + column] = value;
    }
    (gd._fullData || []).forEach(function (trace, index) {
      if (trace.hoverinfo === "skip" || trace.visible !== true) { return; }
      const name = words(trace._input && trace._input.name) || TEXTS[lang()].row + " " + (index + 1);
      if (trace.type === "heatmap") {
        const z = list(trace.z).map(list);
        const text = list(trace.text).map(list);
        list(trace.y).forEach(function (y, i) {
          list(trace.x).forEach(function (x, j) {
            const value = z[i] ? z[i][j] : null;
            const shown = text[i] ? text[i][j] : "";
            put(words(y), words(x), value === null || value === undefined ? words(shown) || "–" : number(value));
          });
        });
      } else if (trace.type === "scatterpolar" || trace.type === "barpolar") {
        const seen = {};
        const r = list(trace.r);
        list(trace.theta).forEach(function (theta, i) {
          const row = words(theta);
          if (!seen[row]) { seen[row] = true; put(row, name, number(r[i])); }
        });
      } else {
        const across = trace.orientation === "h";
        const keys = list(across ? trace.y : trace.x);
        const values = list(across ? trace.x : trace.y);
        const axis = across ? layout.yaxis : layout.xaxis;
        keys.forEach(function (key, i) {
          if (key === null || key === undefined) { return; }
          put(category(axis, key), name, number(values[i]));
        });
      }
    });
    return { rows: rows, columns: columns, cells: cells };
  }

  function table(gd) {
    const found = columnsOf(gd);
    const element = document.createElement("table");
    element.className = "table table-sm mb-0";
    const head = element.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    found.columns.forEach(function (column) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = column;
      head.appendChild(th);
    });
    const body = element.createTBody();
    found.rows.forEach(function (row) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = row;
      tr.appendChild(th);
      found.columns.forEach(function (column) {
        const value = found.cells[row + "\u0000" + column];
        tr.insertCell().textContent = value === undefined ? "" : value;
      });
    });
    return found.rows.length ? element : null;
  }

  function render(gd) {
    const graph = gd.closest(".dash-graph");
    if (!graph || !graph.parentElement) { return; }
    let details = graph.nextElementSibling;
    if (!details || !details.classList.contains("chart-table")) {
      details = document.createElement("details");
      details.className = "chart-table small mt-1 mb-2";
      details.appendChild(document.createElement("summary"));
      const holder = document.createElement("div");
      holder.className = "table-responsive";
      details.appendChild(holder);
      graph.parentElement.insertBefore(details, graph.nextSibling);
    }
    details.id = (graph.id || "chart") + "-table";
    details.querySelector("summary").textContent = TEXTS[lang()].summary;
    const made = table(gd);
    details.hidden = !made;
    // plotly redraws (autosize, hover layers) give the same numbers: keep the table's elements
    // then, so a reader's place and a screen reader's focus stay where they were.
    const shown = details.lastChild.firstElementChild;
    if (made && shown && shown.outerHTML === made.outerHTML) { return; }
    details.lastChild.replaceChildren(...(made ? [made] : []));
  }

  function hook() {
    document.querySelectorAll(".dash-graph .js-plotly-plot").forEach(function (gd) {
      if (!gd.chartTableHooked && typeof gd.on === "function") {
        gd.chartTableHooked = true;
        gd.on("plotly_afterplot", function () { render(gd); });
        render(gd);
      }
    });
  }

  new MutationObserver(function () { window.requestAnimationFrame(hook); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
