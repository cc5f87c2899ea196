-- Headless Neovim (0.7+) against the built server: open a note, wait for diagnostics, hover,
-- run orbit.previewReview, grade a due card (orbit.reviewDue, orbit.recordReview), edit, and see
-- the diagnostics follow. Exits 0 on success.
-- Run by nvim-check.sh; ORBITLSP_CMD is the server command, NOTE the note to open.
local cmd = vim.split(os.getenv('ORBITLSP_CMD'), ' ', { trimempty = true })
local note = os.getenv('NOTE')
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); vim.cmd('cquit 1') end
local function say(msg) io.stdout:write(msg .. '\n') end

vim.cmd('edit ' .. vim.fn.fnameescape(note))
local buf = vim.api.nvim_get_current_buf()

-- The README snippet for Neovim 0.7 (vim.lsp.start_client + buf_attach_client).
local client_id = vim.lsp.start_client({
  name = 'orbitlsp',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(note, ':p:h'),
  settings = { orbitLsp = { rules = {} } },
})
vim.lsp.buf_attach_client(buf, client_id)

local expected_before, expected_after = tonumber(os.getenv('EXPECTED_BEFORE')), tonumber(os.getenv('EXPECTED_AFTER'))
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == expected_before end, 50) then
  fail(('expected %d diagnostics, got %d'):format(expected_before, #vim.diagnostic.get(buf)))
end
local diags = vim.diagnostic.get(buf)
local codes = {}
for _, d in ipairs(diags) do codes[#codes + 1] = tostring(d.code) end
say(('diagnostics: %d (%s)'):format(#diags, table.concat(codes, ' ')))

-- Hover the line after the first block's opening tag.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local prompt_line
for i, l in ipairs(lines) do
  if l:match('^{{<%s*orbit_review') then prompt_line = i; break end
end
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = prompt_line, character = 2 } }, 10000)
local value = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value
if not value or not value:match('Prompt 1 of') then fail('hover: ' .. vim.inspect(hover)) end
say('hover: ' .. value:gsub('\n.*', ''))

local preview = vim.lsp.buf_request_sync(buf, 'workspace/executeCommand',
  { command = 'orbit.previewReview', arguments = { { uri = vim.uri_from_bufnr(buf) } } }, 10000)
local cards = preview and preview[client_id] and preview[client_id].result and preview[client_id].result.cards
if not cards or #cards == 0 then fail('previewReview: ' .. vim.inspect(preview)) end
say(('previewReview: %d cards'):format(#cards))

-- Spaced review: the note's due cards (all new: the store is in the scratch folder), one graded,
-- and it is no longer due.
local function exec(command, argument)
  local answer = vim.lsp.buf_request_sync(buf, 'workspace/executeCommand', { command = command, arguments = { argument } }, 10000)
  return answer and answer[client_id] and answer[client_id].result, answer
end
local uri = vim.uri_from_bufnr(buf)
local due, raw = exec('orbit.reviewDue', { scope = 'note', uri = uri })
if not due or due.total == 0 or due.new ~= due.total or not due.cards[1].id then fail('reviewDue: ' .. vim.inspect(raw)) end
local graded = due.cards[1].id
local recorded, raw2 = exec('orbit.recordReview', { id = graded, grade = 'remembered', uri = uri })
if not recorded or recorded.interval < 1 then fail('recordReview: ' .. vim.inspect(raw2)) end
local after = exec('orbit.reviewDue', { scope = 'note', uri = uri })
if not after or after.total >= due.total then fail('reviewDue after the grade: ' .. vim.inspect(after)) end
for _, c in ipairs(after.cards) do
  if c.id == graded then fail('the graded card is still due') end
end
say(('reviewDue: %d due; recordReview: %s; then %d due'):format(due.total, recorded.dueText, after.total))

-- Delete the stray <orbit-reviewarea> line: the shifted pairs and the unanswered prompt go away.
for i, l in ipairs(lines) do
  if l == '<orbit-reviewarea>' then vim.api.nvim_buf_set_lines(buf, i - 1, i, false, {}); break end
end
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == expected_after end, 50) then
  fail(('after the edit: expected %d diagnostics, got %d'):format(expected_after, #vim.diagnostic.get(buf)))
end
say(('after the edit: %d diagnostics'):format(#vim.diagnostic.get(buf)))
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
