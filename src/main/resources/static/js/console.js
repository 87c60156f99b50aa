// Asks before submitting a form that carries data-confirm (revoking a key cannot be undone).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
