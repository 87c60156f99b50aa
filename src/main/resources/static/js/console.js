// Asks before submitting a form that carries data-confirm (revoking a key cannot be undone).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Tables wider than a phone scroll sideways inside .table-wrap: make each one reachable by
// keyboard, also when htmx swaps a table in.
function focusableScrollers(root) {
  (root || document).querySelectorAll(".table-wrap").forEach(function (wrap) {
    if (!wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { focusableScrollers(document); });
document.addEventListener("htmx:afterSettle", function (event) { focusableScrollers(event.target.parentNode || document); });
