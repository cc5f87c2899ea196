-- Headless Neovim (0.7+) against the built server: open a note, wait for diagnostics, hover,
-- run orbit.previewReview, edit, and see the diagnostics follow. Exits 0 on success.
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
