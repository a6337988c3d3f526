// Owner portal, shelf label sheet: a "Print" button for phones whose print command hides in a menu.
// Without JavaScript the button stays hidden and the browser's own print command does the same.
(function () {
  "use strict";
  var button = document.getElementById("label-print-button");
  if (!button || typeof window.print !== "function") {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
