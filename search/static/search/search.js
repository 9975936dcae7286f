/* Progressive enhancement for the search form: a changed filter refreshes results and
   counts in place, and the address (and so the back button) follows. Without this
   script the form still works: it is a plain GET form with an Apply button, and the
   filters are a <details> disclosure.

   A refresh replaces the whole results region, so what the visitor was doing is carried
   over by hand: which disclosures were open, and which control had the focus (a keyboard
   or screen-reader user would otherwise land on <body> and start again from the top).
   The new count goes into a live region outside the replaced markup, so it is announced. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form || !window.fetch || !window.history.pushState) return;
  var regionSelector = "[data-search-region]";
  var status = document.querySelector("[data-search-status]");
  // Beside the results on wide screens (as in search.css), folded away on phones.
  var wide = window.matchMedia("(min-width: 48rem)");
  var pending = null;

  function urlFor(formElement) {
    var params = new URLSearchParams(new FormData(formElement));
    params.forEach(function (value, key) { if (value === "") params.delete(key); });
    var query = params.toString();
    return formElement.getAttribute("action") + (query ? "?" + query : "");
  }

  /* A selector that finds "the same control" in freshly rendered markup. */
  function selectorFor(element, region) {
    if (!element || !region.contains(element)) return null;
    if (element.id) return "#" + CSS.escape(element.id);
    if (element.name) {
      var selector = "[name='" + CSS.escape(element.name) + "']";
      if (element.type === "checkbox" || element.type === "radio") {
        selector += "[value='" + CSS.escape(element.value) + "']";
      }
      return selector;
    }
    if (element.tagName === "SUMMARY" && element.parentElement.id) {
      return "#" + CSS.escape(element.parentElement.id) + " > summary";
    }
    return null;
  }

  function openStates(region) {
    var states = {};
    region.querySelectorAll("details[id]").forEach(function (details) {
      states[details.id] = details.open;
    });
    return states;
  }

  function restoreOpenStates(region, states) {
    region.querySelectorAll("details[id]").forEach(function (details) {
      // A fold the server opened (it holds a chosen option) stays open.
      if (states[details.id] !== undefined) details.open = details.open || states[details.id];
    });
  }

  function announce(region) {
    var count = region.querySelector("#results-heading");
    if (status && count) status.textContent = count.textContent.trim();
  }

  function load(url, push, fromLink) {
    if (pending) pending.abort();
    pending = new AbortController();
    var region = document.querySelector(regionSelector);
    region.setAttribute("aria-busy", "true");
    return fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.querySelector(regionSelector);
        if (!next) { window.location.assign(url); return; }
        var current = document.querySelector(regionSelector);
        var states = openStates(current);
        var focused = document.activeElement;
        var focusedInRegion = current.contains(focused);
        var selector = selectorFor(focused, current);
        current.replaceWith(next);
        restoreOpenStates(next, states);
        document.title = fresh.title;
        var query = fresh.querySelector("#id_q");
        if (query) document.querySelector("#id_q").value = query.value;
        if (push) window.history.pushState({ search: true }, "", url);
        announce(next);
        var target = selector ? next.querySelector(selector) : null;
        if (target) {
          target.focus({ preventScroll: true });
        } else if (focusedInRegion || fromLink) {
          // The control is gone (a removed chip, a page link): go on from the results.
          next.querySelector("#results").focus();
        }
      })
      .catch(function (error) { if (error.name !== "AbortError") window.location.assign(url); });
  }

  form.addEventListener("change", function (event) {
    if (event.target.id === "id_q") return;  // words are submitted with the button or Enter
    load(urlFor(form), true, false);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(urlFor(form), true, false);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.chip, .pagination a");
    if (!link || !form.contains(link)) return;
    event.preventDefault();
    load(link.href, true, true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false, false); });

  var filters = document.querySelector("[data-search-filters]");
  if (filters && wide.matches) filters.open = true;
  document.documentElement.classList.add("search-enhanced");
})();
