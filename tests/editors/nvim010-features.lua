-- Headless Neovim 0.10 or later against the built server: what Neovim 0.7 cannot show,
-- the Q1/A1 inlay hints and the semantic tokens of question and answer lines; with Neovim 0.11
-- or later also the review blocks folded from the server's folding ranges.
-- Run by nvim010-check.sh; ORBITLSP_CMD is the server command, NOTE a copy of the note.
local cmd = vim.split(os.getenv('ORBITLSP_CMD'), ' ', { trimempty = true })
local note = os.getenv('NOTE')
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); vim.cmd('cquit 1') end
local function say(msg) io.stdout:write(msg .. '\n') end

if vim.fn.has('nvim-0.10') == 0 then fail('this check needs Neovim 0.10 or later, not ' .. tostring(vim.version())) end
vim.cmd('edit ' .. vim.fn.fnameescape(note))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start({ name = 'orbitlsp', cmd = cmd, root_dir = vim.fn.fnamemodify(note, ':p:h') })
if not client_id then fail('the server did not start') end
if not vim.wait(20000, function()
  local client = vim.lsp.get_client_by_id(client_id)
  return client ~= nil and client.initialized == true
end, 50) then fail('the server did not answer initialize') end

-- The first question line of the note's first review block (the line after its opening tag).
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local question
for i, l in ipairs(lines) do
  if l:match('^{{<%s*orbit_review') and lines[i + 1] and lines[i + 1] ~= '' then question = i; break end -- 0-based row of the next line
end
if not question then fail('no review block in the note') end

-- Inlay hints, as Neovim shows them once enabled.
vim.lsp.inlay_hint.enable(true, { bufnr = buf })
local hints
if not vim.wait(15000, function()
  hints = vim.lsp.inlay_hint.get({ bufnr = buf })
  return hints and #hints > 0
end, 50) then fail('no inlay hints') end
local labels = {}
for _, h in ipairs(hints) do
  local label = h.inlay_hint.label
  if type(label) == 'table' then label = table.concat(vim.tbl_map(function(p) return p.value end, label)) end
  if h.inlay_hint.position.line == question then labels[#labels + 1] = label end
end
if not vim.tbl_contains(labels, 'Q1') then fail(('no Q1 hint on line %d: %s'):format(question + 1, vim.inspect(labels))) end
say(('inlay hints: %d in the note, %s on line %d'):format(#hints, table.concat(labels, ' '), question + 1))

-- Semantic tokens, as Neovim highlights them (it asks by itself when the server offers them).
local types
if not vim.wait(15000, function()
  local tokens = vim.lsp.semantic_tokens.get_at_pos(buf, question, 0) or {}
  types = vim.tbl_map(function(t) return t.type end, tokens)
  return #types > 0
end, 50) then fail(('no semantic token at the start of line %d'):format(question + 1)) end
if not vim.tbl_contains(types, 'orbitQuestion') then fail('line ' .. (question + 1) .. ' is not a question: ' .. vim.inspect(types)) end
local answer_types = vim.tbl_map(function(t) return t.type end, vim.lsp.semantic_tokens.get_at_pos(buf, question + 1, 0) or {})
if not vim.tbl_contains(answer_types, 'orbitAnswer') then fail('line ' .. (question + 2) .. ' is not an answer: ' .. vim.inspect(answer_types)) end
say(('semantic tokens: line %d %s, line %d %s'):format(question + 1, table.concat(types, ','), question + 2, table.concat(answer_types, ',')))

-- Folding from the server's ranges (Neovim 0.11 added vim.lsp.foldexpr): the block folds from
-- its opening tag, and closing that fold hides its question line.
if vim.fn.has('nvim-0.11') == 1 then
  vim.wo.foldmethod = 'expr'
  vim.wo.foldexpr = 'v:lua.vim.lsp.foldexpr()'
  vim.wo.foldenable = true
  vim.wo.foldlevel = 99
  local open_row = question -- 1-based row of the opening tag
  if not vim.wait(15000, function() return vim.fn.foldlevel(open_row) > 0 end, 50) then
    fail(('no fold at the opening tag on line %d'):format(open_row))
  end
  vim.cmd(open_row .. 'foldclose')
  local closed = vim.fn.foldclosed(open_row + 1)
  if closed ~= open_row then fail(('closing the fold of line %d hides line %d from %d'):format(open_row, open_row + 1, closed)) end
  say(('folding: the block on line %d folds to line %d'):format(open_row, vim.fn.foldclosedend(open_row)))
end

if vim.fn.has('nvim-0.11') == 1 then vim.lsp.get_client_by_id(client_id):stop() else vim.lsp.stop_client(client_id) end
vim.cmd('qall!')
