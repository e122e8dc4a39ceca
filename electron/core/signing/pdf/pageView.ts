/**
 * A page as a reader sees it. /Rotate turns the displayed page clockwise, so "top right of page 1" and upright text
 * mean different corners and directions in the page's own (user) space. Appearances are laid out in displayed
 * coordinates (origin at the displayed lower-left corner) and converted here.
 */
export type Box = [number, number, number, number];
export type Rotation = 0 | 90 | 180 | 270;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function normaliseRotation(value: unknown): Rotation {
  const n = typeof value === 'number' && Number.isInteger(value) && value % 90 === 0 ? ((value % 360) + 360) % 360 : 0;
  return n as Rotation;
}

export class PageView {
  constructor(
    /** The visible box in user space, [x0, y0, x1, y1] with x0 < x1, y0 < y1. */
    readonly box: Box,
    readonly rotate: Rotation,
  ) {}

  private get sideways(): boolean {
    return this.rotate === 90 || this.rotate === 270;
  }

  /** Displayed width and height. */
  get width(): number {
    return this.sideways ? this.box[3] - this.box[1] : this.box[2] - this.box[0];
  }
  get height(): number {
    return this.sideways ? this.box[2] - this.box[0] : this.box[3] - this.box[1];
  }

  toUser(dx: number, dy: number): [number, number] {
    const [x0, y0, x1, y1] = this.box;
    switch (this.rotate) {
      case 0:
        return [x0 + dx, y0 + dy];
      case 90:
        return [x1 - dy, y0 + dx];
      case 180:
        return [x1 - dx, y1 - dy];
      case 270:
        return [x0 + dy, y1 - dx];
    }
  }

  fromUser(x: number, y: number): [number, number] {
    const [x0, y0, x1, y1] = this.box;
    switch (this.rotate) {
      case 0:
        return [x - x0, y - y0];
      case 90:
        return [y - y0, x1 - x];
      case 180:
        return [x1 - x, y1 - y];
      case 270:
        return [y1 - y, x - x0];
    }
  }

  rectToUser(d: Rect): Box {
    const [ax, ay] = this.toUser(d.x, d.y);
    const [bx, by] = this.toUser(d.x + d.width, d.y + d.height);
    return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
  }

  rectFromUser(b: Box): Rect {
    const [ax, ay] = this.fromUser(b[0], b[1]);
    const [bx, by] = this.fromUser(b[2], b[3]);
    return { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
  }

  /** /Matrix for an appearance drawn upright in displayed orientation: turns it back against the page's rotation. */
  get appearanceMatrix(): number[] | null {
    switch (this.rotate) {
      case 0:
        return null;
      case 90:
        return [0, 1, -1, 0, 0, 0];
      case 180:
        return [-1, 0, 0, -1, 0, 0];
      case 270:
        return [0, -1, 1, 0, 0, 0];
    }
  }
}
