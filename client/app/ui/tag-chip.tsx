// A tag as lists and tickets show it: its name on its colour, with text that reads on it.
import { tagStyle } from './tag-color.ts'

export function TagChip(props: { name: string; color: string | undefined }) {
  return (
    <span class="tag" style={tagStyle(props.color)} title={props.name} data-color={props.color ?? 'gray'}>
      {props.name}
    </span>
  )
}
