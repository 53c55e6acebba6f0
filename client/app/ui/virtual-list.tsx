// A list that renders only the rows in view (plus a few), at a fixed row height, so ten thousand tickets
// scroll without freezing and a row arriving on top does not shift what the agent is reading.
import { type Accessor, createComputed, createMemo, createSignal, Index, type JSX, on, onCleanup, onMount } from 'solid-js'

export function VirtualList<T>(props: {
  items: T[]
  rowHeight: number
  label: string
  selectedIndex: number
  /** Identifies an item across updates, so the row at the top of the view stays there. */
  key: (item: T) => string
  children: (item: Accessor<T>, index: () => number) => JSX.Element
}) {
  let scroller!: HTMLDivElement
  const [scrollTop, setScrollTop] = createSignal(0)
  const [height, setHeight] = createSignal(600)
  const overscan = 6

  onMount(() => {
    const observer = new ResizeObserver(() => setHeight(scroller.clientHeight))
    observer.observe(scroller)
    onCleanup(() => observer.disconnect())
  })

  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / props.rowHeight) - overscan)
    const last = Math.min(props.items.length, Math.ceil((scrollTop() + height()) / props.rowHeight) + overscan)
    return { first, last }
  })
  const visible = createMemo(() => props.items.slice(range().first, range().last))

  // Rows arriving above the view (new tickets on top) would push what the agent reads down: keep the
  // top row where it was by scrolling as far as it moved.
  createComputed(
    on(
      () => props.items,
      (items, previous) => {
        if (!previous || !scroller || scroller.scrollTop === 0) return
        const topIndex = Math.floor(scroller.scrollTop / props.rowHeight)
        const top = previous[topIndex]
        if (top === undefined) return
        const key = props.key(top)
        const moved = items.findIndex((item) => props.key(item) === key) - topIndex
        if (moved !== 0 && moved > -topIndex - 1) {
          scroller.scrollTop += moved * props.rowHeight
          setScrollTop(scroller.scrollTop)
        }
      },
    ),
  )

  // Keep the keyboard selection in view when it moves (not when rows arrive: that is the anchor's job).
  let lastSelected = props.selectedIndex
  createComputed(() => {
    const index = props.selectedIndex
    if (index === lastSelected) return
    lastSelected = index
    const top = index * props.rowHeight
    if (!scroller || index < 0) return
    if (top < scroller.scrollTop) scroller.scrollTop = top
    else if (top + props.rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + props.rowHeight - scroller.clientHeight
  })

  return (
    <div class="virtual-list" ref={scroller} onScroll={() => setScrollTop(scroller.scrollTop)}>
      <ul aria-label={props.label} style={{ height: `${props.items.length * props.rowHeight}px` }}>
        {/* Index, not For: the rows on screen keep their elements and only their content changes. */}
        <Index each={visible()}>
          {(item, i) => (
            <li style={{ transform: `translateY(${(range().first + i) * props.rowHeight}px)`, height: `${props.rowHeight}px` }}>
              {props.children(item, () => range().first + i)}
            </li>
          )}
        </Index>
      </ul>
    </div>
  )
}
