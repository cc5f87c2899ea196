;;; eglot-check.el --- Emacs (eglot, batch) against the built server  -*- lexical-binding: t -*-
;; Run by eglot-check.sh: opens a note, waits for diagnostics in Flymake, hovers, runs
;; orbit.previewReview, grades a due card (orbit.reviewDue, orbit.recordReview), edits, and sees
;; the diagnostics follow. Exits 0 on success.
(require 'eglot)
(require 'flymake)
(require 'seq)

(defun check-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun check-wait (pred seconds)
  "Wait until PRED is true, letting timers and the server run; nil after SECONDS."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    result))

;; The README snippet: a mode for notes, and the server for it.
(define-derived-mode orbit-note-mode text-mode "Orbit")
(add-to-list 'eglot-server-programs
             `(orbit-note-mode . ,(split-string (getenv "ORBITLSP_CMD"))))

(find-file (getenv "NOTE"))
(orbit-note-mode)
;; eglot-ensure waits for a command loop, which batch mode lacks: start it the way M-x eglot does.
(apply #'eglot (eglot--guess-contact))
(unless (check-wait #'eglot-current-server 30) (check-fail "the server did not start"))
(defvar expected-before (string-to-number (getenv "EXPECTED_BEFORE")))
(defvar expected-after (string-to-number (getenv "EXPECTED_AFTER")))
(unless (check-wait (lambda () (= (length (flymake-diagnostics)) expected-before)) 30)
  (check-fail "expected %d diagnostics, got %d" expected-before (length (flymake-diagnostics))))
(let ((before (length (flymake-diagnostics)))
      (server (eglot-current-server)))
  (princ (format "diagnostics: %d\n" before))
  (goto-char (point-min))
  (re-search-forward "^{{<[ ]*orbit_review")
  (let* ((line (line-number-at-pos))   ; 1-based: the next line, 0-based
         (hover (jsonrpc-request server :textDocument/hover
                                 `(:textDocument (:uri ,(eglot--path-to-uri (buffer-file-name)))
                                   :position (:line ,line :character 2))))
         (value (plist-get (plist-get hover :contents) :value)))
    (unless (and value (string-match-p "Prompt 1 of" value)) (check-fail "hover: %S" hover))
    (princ (format "hover: %s\n" (car (split-string value "\n")))))
  (let* ((preview (jsonrpc-request server :workspace/executeCommand
                                   `(:command "orbit.previewReview"
                                     :arguments [(:uri ,(eglot--path-to-uri (buffer-file-name)))])))
         (cards (plist-get preview :cards)))
    (unless (> (length cards) 0) (check-fail "previewReview: %S" preview))
    (princ (format "previewReview: %d cards\n" (length cards))))
  ;; Spaced review: the note's due cards (all new: the store is in the scratch folder), one
  ;; graded, and it is no longer due.
  (let* ((uri (eglot--path-to-uri (buffer-file-name)))
         (due (jsonrpc-request server :workspace/executeCommand
                               `(:command "orbit.reviewDue" :arguments [(:scope "note" :uri ,uri)])))
         (total (plist-get due :total))
         (graded (plist-get (aref (plist-get due :cards) 0) :id)))
    (unless (and (> total 0) (stringp graded)) (check-fail "reviewDue: %S" due))
    (let* ((recorded (jsonrpc-request server :workspace/executeCommand
                                      `(:command "orbit.recordReview"
                                        :arguments [(:id ,graded :grade "remembered" :uri ,uri)])))
           (after (jsonrpc-request server :workspace/executeCommand
                                   `(:command "orbit.reviewDue" :arguments [(:scope "note" :uri ,uri)]))))
      (unless (>= (plist-get recorded :interval) 1) (check-fail "recordReview: %S" recorded))
      (unless (< (plist-get after :total) total) (check-fail "reviewDue after the grade: %S" after))
      (when (seq-find (lambda (c) (equal (plist-get c :id) graded)) (plist-get after :cards))
        (check-fail "the graded card is still due"))
      (princ (format "reviewDue: %d due; recordReview: %s; then %d due\n"
                     total (plist-get recorded :dueText) (plist-get after :total)))))
  ;; Delete the stray <orbit-reviewarea> line: the shifted pairs go away.
  (goto-char (point-min))
  (re-search-forward "^<orbit-reviewarea>\n")
  (replace-match "")
  ;; Eglot sends changes from an idle timer, and batch mode is never idle: send them now.
  (eglot--signal-textDocument/didChange)
  (unless (check-wait (lambda () (= (length (flymake-diagnostics)) expected-after)) 30)
    (check-fail "after the edit: expected %d diagnostics, got %d" expected-after (length (flymake-diagnostics))))
  (princ (format "after the edit: %d diagnostics\n" (length (flymake-diagnostics))))
  (eglot-shutdown server))
(kill-emacs 0)
