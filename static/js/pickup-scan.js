// Owner portal: scan a shopper's pickup QR with the phone camera where the browser has BarcodeDetector.
// Without it (or without a camera) the page keeps working: the code is typed into the form.
(function () {
  "use strict";
  var box = document.getElementById("pickup-scan");
  var form = document.getElementById("collect-form");
  if (!box || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var input = form.querySelector("input[name=code]");
  var video = document.getElementById("pickup-scan-video");
  var status = document.getElementById("pickup-scan-status");
  var start = document.getElementById("pickup-scan-start");
  var pattern = /SOL-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}/i;
  box.hidden = false;

  function stop(stream) {
    stream.getTracks().forEach(function (track) { track.stop(); });
    video.hidden = true;
  }

  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      status.textContent = box.dataset.looking;
      var tick = function () {
        detector.detect(video).then(function (codes) {
          var match = codes.map(function (c) { return (c.rawValue || "").match(pattern); }).find(Boolean);
          if (match) {
            stop(stream);
            input.value = match[0].toUpperCase();
            status.textContent = box.dataset.found + " " + input.value;
            form.requestSubmit ? form.requestSubmit() : form.submit();
          } else {
            window.setTimeout(tick, 300);
          }
        }).catch(function () { window.setTimeout(tick, 500); });
      };
      tick();
    }).catch(function () {
      status.textContent = box.dataset.denied;
    });
  });
})();
