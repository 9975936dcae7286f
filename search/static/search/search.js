/* Progressive enhancement for the search form: a changed filter refreshes results and
   counts in place, and the address (and so the back button) follows. Without this
   script the form still works: it is a plain GET form with an Apply button. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form || !window.fetch || !window.history.pushState) return;
  var regionSelector = "[data-search-region]";
  var pending = null;

  function urlFor(formElement) {
    var params = new URLSearchParams(new FormData(formElement));
    params.forEach(function (value, key) { if (value === "") params.delete(key); });
    var query = params.toString();
    return formElement.getAttribute("action") + (query ? "?" + query : "");
  }

  function load(url, push) {
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
        region.replaceWith(next);
        document.title = fresh.title;
        var query = fresh.querySelector("#id_q");
        if (query) document.querySelector("#id_q").value = query.value;
        if (push) window.history.pushState({ search: true }, "", url);
      })
      .catch(function (error) { if (error.name !== "AbortError") window.location.assign(url); });
  }

  form.addEventListener("change", function (event) {
    if (event.target.id === "id_q") return;  // words are submitted with the button or Enter
    load(urlFor(form), true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(urlFor(form), true);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.chip, .pagination a");
    if (!link || !form.contains(link)) return;
    event.preventDefault();
    load(link.href, true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
  document.documentElement.classList.add("search-enhanced");
})();
