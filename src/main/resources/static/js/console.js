// Asks before submitting a form (or through a button) that carries data-confirm (revoking a key
// cannot be undone).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm")
      || (event.submitter && event.submitter.getAttribute("data-confirm"));
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

// The contact list: the header box selects every row of the page; the tag box of the bulk bar
// only shows for the actions that need a tag.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.id === "select-all") {
    document.querySelectorAll(".row-select").forEach(function (box) { box.checked = target.checked; });
  }
  if (target.id === "bulk-action") {
    showBulkTag();
  }
  if (target.hasAttribute("data-submit-on-change") && target.value.trim() !== "") {
    target.form.requestSubmit();
  }
});
function showBulkTag() {
  var action = document.getElementById("bulk-action");
  var tag = document.getElementById("bulk-tag");
  if (action && tag) {
    tag.hidden = action.value !== "tag" && action.value !== "untag";
  }
}
document.addEventListener("DOMContentLoaded", showBulkTag);
document.addEventListener("htmx:afterSettle", showBulkTag);

// Copy buttons beside ids: the id goes to the clipboard and the button says so for a moment.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button[data-copy-from]") : null;
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy-from"));
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  }
});
