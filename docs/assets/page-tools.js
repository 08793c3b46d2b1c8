/* "Nghe" (listen) and "Chia sẻ" (share) on procedure and commune pages.
 *
 * Listen reads the page aloud with the phone's own Vietnamese voice (the browser's speech
 * synthesis): for a resident who reads with difficulty, or reads while queueing. Share opens
 * the phone's share sheet (navigator.share), so the page goes to a relative in a chat app.
 * Nothing is loaded from anywhere else. Each button stays invisible (its space kept, so
 * nothing moves) where the browser cannot do what it says: no Vietnamese voice, no share sheet.
 */
(function () {
  "use strict";

  var bar = document.querySelector("[data-ny-tools]");
  if (!bar) return;
  var listen = bar.querySelector("[data-ny-listen]");
  var share = bar.querySelector("[data-ny-share]");

  function show(button) {
    button.classList.add("ny-tool--on");
  }

  if (share && navigator.share) {
    show(share);
    share.addEventListener("click", function () {
      var title = document.querySelector("h1");
      navigator.share({ title: title ? title.textContent.trim() : document.title, url: location.href })
        .catch(function () { /* closed by the resident: nothing to say */ });
    });
  }

  var synth = window.speechSynthesis;
  if (!listen || !synth || !window.SpeechSynthesisUtterance) return;
  var voice = null;

  function vietnamese(voices) {
    for (var i = 0; i < voices.length; i++) {
      if (/^vi([-_]|$)/i.test(voices[i].lang)) return voices[i];
    }
    return null;
  }

  function pickVoice() {
    voice = vietnamese(synth.getVoices());
    if (voice) show(listen);
  }

  /* The page's own text in reading order, without the search box and these buttons, cut
     into sentences: some engines stop a long utterance after about fifteen seconds. */
  function sentences() {
    var main = document.querySelector("main");
    var parts = [];
    Array.prototype.forEach.call(main.children, function (el) {
      if (el.matches("form, section.ny-search-again, [data-ny-tools], script")) return;
      parts.push(el.innerText);
    });
    var out = [];
    parts.join("\n").replace(/([.;:!?])\s+/g, "$1\n").split(/\n+/).forEach(function (s) {
      s = s.trim();
      if (s) out.push(s);
    });
    return out;
  }

  function setReading(on) {
    listen.setAttribute("aria-pressed", on ? "true" : "false");
    listen.textContent = on ? "Dừng đọc" : "Nghe";
  }

  listen.addEventListener("click", function () {
    if (synth.speaking || synth.pending) {
      synth.cancel();
      setReading(false);
      return;
    }
    var parts = sentences();
    parts.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.95;
      if (i === parts.length - 1) {
        u.onend = function () { setReading(false); };
      }
      synth.speak(u);
    });
    setReading(true);
  });

  pickVoice();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", pickVoice);
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
