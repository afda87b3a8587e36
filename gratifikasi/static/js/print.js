// Optional: a "Cetak" button on the printable receipt. Without JavaScript the page says
// to use the browser's print menu instead, and the button stays hidden.
(function () {
  "use strict";
  var button = document.getElementById("cetak");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
