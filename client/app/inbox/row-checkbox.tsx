// The tick box beside an inbox row; a shift-click ticks the range from the last row ticked.
export function RowCheckbox(props: { number: number; checked: boolean; onToggle: (shift: boolean) => void }) {
  return (
    <label class="row-check">
      <input
        type="checkbox"
        aria-label={`Select ticket #${props.number}`}
        checked={props.checked}
        // The click's own toggle is then set to the selection's state (a range ticks, whatever the box was).
        onClick={(e) => props.onToggle(e.shiftKey)}
      />
    </label>
  )
}
