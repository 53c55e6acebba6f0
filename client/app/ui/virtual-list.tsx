// A list that renders only the rows in view (plus a few), at a fixed row height, so ten thousand tickets
// scroll without freezing and a row arriving on top does not shift what the agent is reading.
import { type Accessor, createMemo, createSignal, Index, type JSX, onCleanup, onMount } from 'solid-js'

export function VirtualList<T>(props: {
  items: T[]
  rowHeight: number
  label: string
  selectedIndex: number
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

  // Keep the keyboard selection in view.
  createMemo(() => {
    const top = props.selectedIndex * props.rowHeight
    if (!scroller || props.selectedIndex < 0) return
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
