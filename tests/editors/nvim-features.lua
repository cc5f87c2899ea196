-- Headless Neovim 0.7 against the built server: the authoring features a 0.7 client can ask for.
-- Fix-all (code action, edit applied by Neovim), formatting, code lens, completion, outline.
-- Run by nvim-features-check.sh; ORBITLSP_CMD is the server command, NOTE a copy of the note.
local cmd = vim.split(os.getenv('ORBITLSP_CMD'), ' ', { trimempty = true })
local note = os.getenv('NOTE')
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); vim.cmd('cquit 1') end
local function say(msg) io.stdout:write(msg .. '\n') end

vim.cmd('edit ' .. vim.fn.fnameescape(note))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({ name = 'orbitlsp', cmd = cmd, root_dir = vim.fn.fnamemodify(note, ':p:h') })
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
local doc = { uri = vim.uri_from_bufnr(buf) }

local function request(method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 15000)
  local answer = answers and answers[client_id]
  if not answer or answer.err then fail(method .. ': ' .. vim.inspect(answers)) end
  return answer.result
end

local function codes()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do seen[#seen + 1] = tostring(d.code) end
  return table.concat(seen, ' ')
end

local function has(code) return (' ' .. codes() .. ' '):find(' ' .. code .. ' ', 1, true) ~= nil end

if not vim.wait(20000, function() return has('OL003') end, 50) then fail('no OL003 before the fix: ' .. codes()) end
say('before: ' .. codes())

-- source.fixAll.orbitlsp, its WorkspaceEdit applied by Neovim itself.
local actions = request('textDocument/codeAction', {
  textDocument = doc,
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
  context = { diagnostics = {}, only = { 'source.fixAll.orbitlsp' } },
})
if not actions or #actions ~= 1 then fail('fix-all: ' .. vim.inspect(actions)) end
-- Neovim 0.7 says it resolves "edit" later: the edit comes from codeAction/resolve, as vim.lsp.buf.code_action() does it.
local fix = actions[1].edit and actions[1] or request('codeAction/resolve', actions[1])
if not fix.edit then fail('fix-all resolved without an edit: ' .. vim.inspect(fix)) end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
if not vim.wait(20000, function() return not has('OL001') and not has('OL003') and not has('OL028') end, 50) then
  fail('after fix-all: ' .. codes())
end
say(('fix-all (%s, %s): after: %s'):format(actions[1].edit and 'edit at once' or 'edit resolved', fix.edit.documentChanges and 'documentChanges' or 'changes', codes()))

local function card_count()
  local result = request('workspace/executeCommand', { command = 'orbit.previewReview', arguments = { doc } })
  return #result.cards
end

-- Formatting: Neovim 0.7's synchronous form; the cards stay the same.
local cards_before = card_count()
local lines_before = vim.api.nvim_buf_line_count(buf)
vim.lsp.buf.formatting_sync(nil, 15000)
if not vim.wait(10000, function() return card_count() == cards_before end, 100) then fail('formatting changed the cards') end
say(('formatting: %d -> %d lines, %d cards before and after'):format(lines_before, vim.api.nvim_buf_line_count(buf), cards_before))

-- Code lens: Neovim 0.7 shows them as virtual text and runs their command through workspace/executeCommand.
vim.lsp.codelens.refresh()
if not vim.wait(10000, function() return #vim.lsp.codelens.get(buf) > 0 end, 50) then fail('no code lens') end
local lens = vim.lsp.codelens.get(buf)[1]
local ran = request('workspace/executeCommand', lens.command)
say(('code lens: %d, first "%s" -> %d cards'):format(#vim.lsp.codelens.get(buf), lens.command.title, #ran.cards))

-- Completion after "{{<" on a new line at the end: Neovim 0.7 has no snippets, so plain text.
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { '', '{{<' })
local list = request('textDocument/completion', {
  textDocument = doc, position = { line = last + 1, character = 3 },
  context = { triggerKind = 2, triggerCharacter = '<' },
})
local item = list.items[1]
if not item or item.insertTextFormat ~= 1 then fail('completion: ' .. vim.inspect(list)) end
say(('completion: %s, plain text %q'):format(item.label, item.textEdit.newText))

local symbols = request('textDocument/documentSymbol', { textDocument = doc })
say(('outline: %d blocks, the first "%s" with %d prompts'):format(#symbols, symbols[1].name, #(symbols[1].children or {})))
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
