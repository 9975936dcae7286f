/* Copy buttons: a button with data-copy-target="<id>" copies that field's text.
   Without JavaScript the button stays hidden and the field itself can be selected. */
(function () {
  "use strict";
  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value || field.textContent);
    }
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyFrom(field).then(
        function () {
          if (status) status.textContent = button.getAttribute("data-copied");
        },
        function () {
          field.select();
          if (status) status.textContent = button.getAttribute("data-copy-failed");
        }
      );
    });
  });
})();
