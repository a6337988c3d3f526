// Share a product with the phone's own share sheet (Web Share API) where there is one; elsewhere the link
// stays what it is without JavaScript: a WhatsApp message with the product's name, price and address.
(function () {
  "use strict";
  var link = document.getElementById("share-link");
  if (!link || typeof navigator.share !== "function") {
    return;
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    navigator
      .share({
        title: link.dataset.shareTitle,
        text: link.dataset.shareText,
        url: link.dataset.shareUrl,
      })
      .catch(function () {
        // Cancelled or refused: nothing to do (the shopper can tap again).
      });
  });
})();
