/**
 * The Vietnamese application menu (Tệp, Sửa, Xem, Trợ giúp). Items use Electron roles, so copy and paste, zoom and
 * full screen behave natively; only "about" needs our code. Built as plain data so it can be checked without Electron.
 */
import { msg } from '../../shared/messages';

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: 'separator';
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuOptions {
  isMac: boolean;
  devTools: boolean;
  onAbout: () => void;
}

const separator: MenuItemTemplate = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const about: MenuItemTemplate = { label: msg('shell.menu.about'), click: options.onAbout };
  const macAppMenu: MenuItemTemplate = {
    label: 'Vanthu',
    submenu: [about, separator, { label: msg('shell.menu.hide'), role: 'hide' }, { label: msg('shell.menu.hideOthers'), role: 'hideOthers' }, { label: msg('shell.menu.showAll'), role: 'unhide' }, separator, { label: msg('shell.menu.quit'), role: 'quit' }],
  };
  const file: MenuItemTemplate = {
    label: msg('shell.menu.file'),
    submenu: options.isMac ? [{ label: msg('shell.menu.close'), role: 'close' }] : [{ label: msg('shell.menu.quit'), role: 'quit' }],
  };
  const edit: MenuItemTemplate = {
    label: msg('shell.menu.edit'),
    submenu: [
      { label: msg('shell.menu.undo'), role: 'undo' },
      { label: msg('shell.menu.redo'), role: 'redo' },
      separator,
      { label: msg('shell.menu.cut'), role: 'cut' },
      { label: msg('shell.menu.copy'), role: 'copy' },
      { label: msg('shell.menu.paste'), role: 'paste' },
      { label: msg('shell.menu.selectAll'), role: 'selectAll' },
    ],
  };
  const view: MenuItemTemplate = {
    label: msg('shell.menu.view'),
    submenu: [
      { label: msg('shell.menu.reload'), role: 'reload' },
      ...(options.devTools ? [{ label: msg('shell.menu.devTools'), role: 'toggleDevTools' }] : []),
      separator,
      { label: msg('shell.menu.resetZoom'), role: 'resetZoom' },
      { label: msg('shell.menu.zoomIn'), role: 'zoomIn' },
      { label: msg('shell.menu.zoomOut'), role: 'zoomOut' },
      separator,
      { label: msg('shell.menu.fullScreen'), role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemTemplate = { label: msg('shell.menu.help'), role: 'help', submenu: [about] };
  return [...(options.isMac ? [macAppMenu] : []), file, edit, view, help];
}
