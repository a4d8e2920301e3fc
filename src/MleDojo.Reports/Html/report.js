// The report's only script, inlined into the page by HtmlPage: no libraries, nothing fetched.
(function () {
  "use strict";

  // A cell's number: its data-sort attribute when it has one, else its text when that is a number, else null.
  function numberOf(cell) {
    var key = cell.getAttribute("data-sort");
    var text = key !== null ? key : cell.textContent.trim();
    if (key === null && text === "") {
      return null;
    }
    var value = Number(text);
    return key !== null || !isNaN(value) ? value : null;
  }

  function sortBy(table, header, column) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var descending = header.getAttribute("aria-sort") === "ascending";
    var numeric = rows.every(function (row) { return numberOf(row.cells[column]) !== null; });
    var keyed = rows.map(function (row, index) {
      var cell = row.cells[column];
      return { row: row, index: index, number: numeric ? numberOf(cell) : 0, text: cell.textContent.trim() };
    });
    keyed.sort(function (a, b) {
      var order;
      if (numeric) {
        // Cells that are not numbers (NaN, shown as a dash) go last in either direction.
        if (isNaN(a.number) || isNaN(b.number)) {
          return (isNaN(a.number) ? 1 : 0) - (isNaN(b.number) ? 1 : 0) || a.index - b.index;
        }
        order = a.number - b.number;
      } else {
        order = a.text.localeCompare(b.text, "en", { numeric: true, sensitivity: "base" });
      }
      return (descending ? -order : order) || a.index - b.index;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      header.addEventListener("click", function () { sortBy(table, header, column); });
    });
  });

  // Closed drill-downs print as their summary alone; open them for printing, and restore them after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
