// Reveals the filter box above each filterable checkbox list (materials/widgets.py) and
// narrows the list as the editor types. Without JavaScript the plain checkboxes remain.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  }

  function reveal(root) {
    root.querySelectorAll("[data-checkbox-filter-input]").forEach(function (input) {
      input.hidden = false;
    });
  }

  function narrow(input) {
    var list = input.closest("[data-checkbox-filter]");
    var query = fold(input.value);
    list.querySelectorAll("label").forEach(function (label) {
      var item = label.closest("li") || label.parentElement;
      item.hidden = query !== "" && fold(label.textContent).indexOf(query) === -1;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-checkbox-filter-input]")) {
      narrow(event.target);
    }
  });
  // Enter in the filter box must not submit the page form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-checkbox-filter-input]")) {
      event.preventDefault();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
})();
